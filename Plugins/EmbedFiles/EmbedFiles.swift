import Foundation
import PackagePlugin

/// Embeds the files under a target's `files/` folder into the target, as
/// `embeddedFiles` (path to base64), with the `embed-files` tool.
@main struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let folder = target.directoryURL.appending(path: "files")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(displayName: "Embedding \(inputs.count) files of \(target.name)",
                              executable: try context.tool(named: "embed-files").url,
                              arguments: [folder.path, output.path], inputFiles: inputs, outputFiles: [output])]
    }
}
