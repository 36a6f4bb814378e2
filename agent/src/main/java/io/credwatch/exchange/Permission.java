package io.credwatch.exchange;

/** What a key may do, in credwatch's words; each exchange's own names are kept beside them as raw. */
public enum Permission {
    READ, TRADE, WITHDRAW, TRANSFER
}
