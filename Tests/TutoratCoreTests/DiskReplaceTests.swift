import Foundation
import Testing
import TutoratCore

/// A person's file replaced keeps its mode, even over a stale temporary file a
/// crash left with a wider one.
@Suite struct DiskReplaceTests {
    @Test(arguments: [0o600, 0o640, 0o664]) func aFileKeepsItsMode(_ mode: Int) throws {
        let folder = NSTemporaryDirectory() + "tutorat-disk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/marie.md"
        try Disk.write(Array("avant\n".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        try Disk.write(Array("reste d'un arrêt\n".utf8), to: folder + "/.marie.md.tutorat-new")
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: folder + "/.marie.md.tutorat-new")
        try Disk.replace(Array("après\n".utf8), at: path, keepingPermissions: true)
        #expect(try Disk.read(path) == Array("après\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == mode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["marie.md"])
    }
}
