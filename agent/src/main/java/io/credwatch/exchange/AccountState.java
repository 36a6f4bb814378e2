package io.credwatch.exchange;

/** Alpaca's account flags: a key can authenticate while its account may not trade. */
public record AccountState(String status, boolean tradingBlocked, boolean accountBlocked) {
}
