import Testing
@testable import FastCollect

extension ConfigTests {
    @Suite struct ConfigPathTests {
        /// `os.path`, `pathlib` and pytest's `bestrelpath` answers from `path-cases.json`.
        @Test func matchesPython() throws {
            let all = try #require(try ConfigFixtures.json("path-cases.json") as? [String: Any])
            for c in all["normpath"] as! [[String: String]] {
                #expect(ConfigPath.normpath(c["input"]!) == c["output"]!, "normpath(\(ConfigText.repr(c["input"]!)))")
            }
            for c in all["abspath"] as! [[String: String]] {
                #expect(ConfigPath.abspath(c["input"]!, cwd: c["cwd"]!) == c["output"]!, "abspath(\(ConfigText.repr(c["input"]!)))")
            }
            for c in all["pathlibJoin"] as! [[String: String]] {
                #expect(ConfigPath.pathlibJoin(c["base"]!, c["other"]!) == c["output"]!, "\(c["base"]!) / \(c["other"]!)")
            }
            for c in all["bestrelpath"] as! [[String: String]] {
                #expect(ConfigPath.bestrelpath(from: c["directory"]!, to: c["dest"]!) == c["output"]!, "\(c)")
            }
            let expand = all["expandvars"] as! [String: Any]
            let environment = expand["environment"] as! [String: String]
            for c in expand["cases"] as! [[String: String]] {
                #expect(ConfigPath.expandvars(c["input"]!, environment: environment) == c["output"]!, "expandvars(\(c["input"]!))")
            }
            for c in all["names"] as! [[String: String]] {
                #expect(ConfigPath.name(c["input"]!) == c["name"]!, "name(\(c["input"]!))")
                #expect(ConfigPath.suffix(c["input"]!) == c["suffix"]!, "suffix(\(c["input"]!))")
            }
        }

        @Test func parents() {
            #expect(ConfigPath.parents("/a/b/c") == ["/a/b", "/a", "/"])
            #expect(ConfigPath.parents("/") == [])
            #expect(ConfigPath.parent("/a") == "/")
        }
    }
}
