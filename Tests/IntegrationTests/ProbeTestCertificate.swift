/// A self-signed certificate and key for the TLS probe tests (CN fleetwatch-probe-test, SAN
/// IP:127.0.0.1 and localhost, valid for 100 years), made with
/// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 ...`.
/// Test material only: no client trusts it, which is the point.
enum ProbeTestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBszCCAVmgAwIBAgIUSvRf7OC9/+VNpV9pcBR6NIg44RMwCgYIKoZIzj0EAwIw
        IDEeMBwGA1UEAwwVZmxlZXR3YXRjaC1wcm9iZS10ZXN0MCAXDTI2MTEyOTE2NTY0
        NFoYDzIxMjYxMTA1MTY1NjQ0WjAgMR4wHAYDVQQDDBVmbGVldHdhdGNoLXByb2Jl
        LXRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASfnmiaL76MAYTetYm2psjk
        1NEl66MIcgFbNxjOoe2kuKMTWNxT9iIhFg7hegyjuHQQ3+WEQezpOt1KSu6mFNOO
        o28wbTAdBgNVHQ4EFgQUVg+Y8uAR2Pcptv8KQJn2c0/uW6QwHwYDVR0jBBgwFoAU
        Vg+Y8uAR2Pcptv8KQJn2c0/uW6QwDwYDVR0TAQH/BAUwAwEB/zAaBgNVHREEEzAR
        hwR/AAABgglsb2NhbGhvc3QwCgYIKoZIzj0EAwIDSAAwRQIhAJpVn16iUBOH+KX7
        E6FU6edNVZ4d39US2MIg4PBYo42jAiAKTpTnBTi6p5s5hpoU3QtTL/JLTXE+LRWA
        pWge9JBU/Q==
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguW419NgefRpRFZvp
        b0NuyVwQaNNtfh9urIbgmNMj6O6hRANCAASfnmiaL76MAYTetYm2psjk1NEl66MI
        cgFbNxjOoe2kuKMTWNxT9iIhFg7hegyjuHQQ3+WEQezpOt1KSu6mFNOO
        -----END PRIVATE KEY-----
        """
}
