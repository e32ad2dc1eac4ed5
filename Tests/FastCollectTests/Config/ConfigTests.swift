import Testing

/// Groups the configuration suites so `swift test --filter Config` runs all of them.
@Suite struct ConfigTests {}
