package io.credwatch.config;

public record HttpConfig(String bind, Integer port, String tokenFile, Boolean whoami) {

    public static final int DEFAULT_PORT = 9797;

    public HttpConfig {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        port = port == null ? DEFAULT_PORT : port;
        tokenFile = tokenFile == null ? "" : tokenFile;
        whoami = whoami != null && whoami;
    }

    public boolean tokenRequired() {
        return !tokenFile.isBlank();
    }
}
