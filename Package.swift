// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "fastcollect",
    products: [
        .executable(name: "fastcollect", targets: ["fastcollect-cli"]),
        .library(name: "FastCollect", targets: ["FastCollect"]),
        .library(name: "ModuleScanner", targets: ["ModuleScanner"]),
    ],
    targets: [
        .target(name: "ModuleScanner"),
        .target(name: "FastCollect", dependencies: ["ModuleScanner"]),
        .executableTarget(
            name: "fastcollect-cli",
            dependencies: ["FastCollect"],
            // The Swift runtime linked in: starting takes about a third of the time it takes
            // with the shared libraries, and the pytest suite collects in a few milliseconds.
            linkerSettings: [.unsafeFlags(["-static-stdlib"])]
        ),
        .executableTarget(
            name: "fastcollect-lexbench",
            dependencies: ["ModuleScanner"],
            path: "Benchmarks/LexerBenchmark"
        ),
        .testTarget(name: "ModuleScannerTests", dependencies: ["ModuleScanner"]),
        .testTarget(
            name: "FastCollectTests",
            dependencies: ["FastCollect"],
            exclude: ["Fixtures", "Config/Fixtures", "Parametrize/Fixtures", "Output/Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
