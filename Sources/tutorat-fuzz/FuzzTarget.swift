import TutoratMarkdown
import TutoratSource
import TutoratYAML

/// One input through every layer that reads untrusted bytes: front-matter
/// splitting, YAML, the typed decoders and Markdown.
func exercise(_ bytes: [UInt8]) {
    _ = DocumentDecoder.tutee(bytes, id: "fuzz", path: "fuzz.md")
    _ = DocumentDecoder.programme(bytes, id: "fuzz", path: "fuzz.md")
    _ = DocumentDecoder.framework(bytes, id: "fuzz", path: "fuzz.yml")
    _ = DocumentDecoder.siteConfig(bytes, path: "site.yml")
    if let split = try? FrontMatterSplitter.split(bytes, file: "fuzz.md") {
        let document = MarkdownDocument(split.body)
        _ = document.html(rewriteURL: { "/x" + $0 })
        _ = document.summary(maxLength: 40)
    }
}

#if FUZZING
import Foundation

// SwiftPM gives an executable its own entry point, so libFuzzer's `main`
// cannot be used: start libFuzzer's driver from ours instead.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            exercise(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }
}
#else
import Foundation

/// Without the fuzzer: replays the files given as arguments, to reproduce a crash.
@main
struct FuzzReplay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            exercise([UInt8](data))
            print("ok \(path)")
        }
    }
}
#endif
