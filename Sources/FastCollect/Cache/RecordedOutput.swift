/// What one command wrote, in order, and its exit code, as the cache keeps it. Chunk kinds
/// belong to the command (stdout, stderr, a summary line drawn again with each run's time).
public struct RecordedOutput: Sendable, Equatable {
    /// Bytes for one stream, or for a part the command renders again when it is printed.
    public struct Chunk: Sendable, Equatable {
        public var kind: UInt8
        public var bytes: [UInt8]

        public init(kind: UInt8, bytes: [UInt8]) {
            self.kind = kind
            self.bytes = bytes
        }
    }

    public var chunks: [Chunk] = []
    public var exitCode: Int32 = 0

    public init(chunks: [Chunk] = [], exitCode: Int32 = 0) {
        self.chunks = chunks
        self.exitCode = exitCode
    }

    public mutating func append(_ kind: UInt8, _ text: String) {
        guard !text.isEmpty else { return }
        chunks.append(Chunk(kind: kind, bytes: Array(text.utf8)))
    }
}
