package io.credwatch.credential;

import io.credwatch.config.ExchangeType;
import java.util.List;

/**
 * The variable names each exchange's own SDKs and examples use, looked for in an env file
 * when the account names none: the bots that load the file read these names.
 */
public final class ConventionalNames {

    private ConventionalNames() {
    }

    /** Key, secret (and, for KuCoin, passphrase) variable names. */
    public static List<String> of(ExchangeType type) {
        return switch (type) {
            case CRYPTOCOM -> List.of("CRYPTO_COM_API_KEY", "CRYPTO_COM_API_SECRET");
            case BYBIT -> List.of("BYBIT_API_KEY", "BYBIT_API_SECRET");
            case BINANCE -> List.of("BINANCE_API_KEY", "BINANCE_API_SECRET");
            case KUCOIN -> List.of("KUCOIN_API_KEY", "KUCOIN_API_SECRET", "KUCOIN_API_PASSPHRASE");
            // Alpaca's SDKs read APCA_API_KEY_ID and APCA_API_SECRET_KEY.
            case ALPACA -> List.of("APCA_API_KEY_ID", "APCA_API_SECRET_KEY");
        };
    }
}
