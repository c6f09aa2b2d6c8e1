import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` into the target: `enum BuildCommit { static let id = "…" }`, the
/// commit of the checkout being built (12 hex digits, `-modified` when tracked files differ from
/// it), or `unknown` without git or outside a clone. It runs before every build but rewrites the
/// file only when the text changes, so an unchanged commit recompiles nothing, and it writes only
/// under the build folder: a clean clone stays clean.
@main struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = #"""
            set -u
            package=$1 folder=$2
            mkdir -p "$folder"
            id=$(git -C "$package" rev-parse --short=12 HEAD 2>/dev/null) || id=unknown
            [ -n "$id" ] || id=unknown
            if [ "$id" != unknown ] && ! git -C "$package" diff --quiet HEAD -- 2>/dev/null; then id="$id-modified"; fi
            printf '// Written by the BuildCommit plugin at build time.\nenum BuildCommit {\n    static let id = "%s"\n}\n' "$id" > "$folder/BuildCommit.swift.new"
            if cmp -s "$folder/BuildCommit.swift.new" "$folder/BuildCommit.swift"; then rm -f "$folder/BuildCommit.swift.new"
            else mv "$folder/BuildCommit.swift.new" "$folder/BuildCommit.swift"; fi
            """#
        return [.prebuildCommand(displayName: "Reading the commit being built",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "sh", context.package.directoryURL.path, folder.path],
                                 environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"],
                                 outputFilesDirectory: folder)]
    }
}
