// swift-tools-version:6.1
import CompilerPluginSupport
import PackageDescription

// One target per stage of the build; dependencies point one way, down the pipeline
// (docs/how-it-works.md draws the graph):
// Core -> YAML, Markdown -> Source -> Load -> Site -> Indicators -> Views -> Checks, Exports, Render
//   -> Publish -> Build -> Live -> Serve -> tutorat (the command line); Scaffold (init, new) beside.
// Beside the pipeline, Mustache (the template engine, knowing no view model; its
// @TemplateFields macro is built from MustacheMacros on swift-syntax) is used by
// Views (view models conform to its TemplateObject) and Render (pages through a theme).
let package = Package(
    name: "tutorat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tutorat", targets: ["tutorat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // @TemplateFields, the macro that writes each view model's template lookups (TutoratMustacheMacros).
        .package(url: "https://github.com/swiftlang/swift-syntax", "603.0.1"..<"604.0.0"),
        // tutorat serve: HummingbirdCore's HTTP/1.1 server on SwiftNIO, for its bounded parsing, idle
        // timeouts and connection cap (docs/how-it-works.md, "Why Hummingbird"). Its default traits are left out:
        // they bring swift-configuration, which serve does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Encrypted private pages (docs/visibility-and-encryption.md, "Encrypted private pages"): AES-GCM, HKDF, HMAC, and
        // PBKDF2 from _CryptoExtras (BoringSSL's, about ten times faster than one over Crypto's HMAC).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CYaml", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "TutoratCore"),
        // Themes, sample sites and file templates are files (Sources/TutoratResources/files/), embedded into the
        // executable at build time so that it runs without its source tree.
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        // The commit `tutorat --version` names, read from git before each build (`unknown` without it).
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .target(name: "TutoratResources", exclude: ["files"], plugins: ["EmbedFiles"]),
        .target(name: "TutoratYAML", dependencies: ["TutoratCore", "CYaml"]),
        .target(name: "TutoratMarkdown", dependencies: ["TutoratCore", "CCmark"]),
        .target(name: "TutoratSource", dependencies: ["TutoratCore", "TutoratYAML", "TutoratMarkdown"]),
        .target(name: "TutoratSite", dependencies: ["TutoratCore", "TutoratSource"]),
        .target(name: "TutoratIndicators", dependencies: ["TutoratCore", "TutoratSource", "TutoratSite"]),
        // Themes are Mustache files, compiled once and rendered by this engine (docs/how-it-works.md, "Why a compiled
        // Mustache renderer"); it knows no view model: @TemplateFields writes their lookups.
        .macro(name: "TutoratMustacheMacros", dependencies: [
            .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
            .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
        ]),
        .target(name: "TutoratMustache", dependencies: ["TutoratMustacheMacros"]),
        // The site's language: the theme's words and dates written out.
        .target(name: "TutoratLanguage", dependencies: ["TutoratCore", "TutoratSource", "TutoratMustache"]),
        // The geometry of the charts, which the theme's templates draw as SVG.
        .target(name: "TutoratCharts", dependencies: ["TutoratCore", "TutoratSource", "TutoratIndicators", "TutoratLanguage", "TutoratMustache"]),
        .target(name: "TutoratViews", dependencies: [
            "TutoratCore", "TutoratSite", "TutoratIndicators", "TutoratMarkdown", "TutoratMustache", "TutoratLanguage", "TutoratCharts",
        ]),
        // The files for other programs: calendars (iCalendar), the evidence CSV, site.json.
        .target(name: "TutoratExports", dependencies: ["TutoratCore", "TutoratSource", "TutoratSite", "TutoratIndicators", "TutoratViews"]),
        // View models through a theme: the page templates, locked pages.
        .target(name: "TutoratRender", dependencies: ["TutoratCore", "TutoratMustache", "TutoratViews"]),
        // The keys file, key derivation and the page envelope: pure functions on values, no disk.
        .target(name: "TutoratCrypto", dependencies: [
            "TutoratCore", "TutoratYAML",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Reads content/ and the theme's layers: the one reader of build, check and serve.
        .target(name: "TutoratLoad", dependencies: ["TutoratCore", "TutoratSource", "TutoratSite", "TutoratMarkdown", "TutoratResources"]),
        // Every check that needs the whole site's pages: links, private names (the domain rules come with the indicators).
        .target(name: "TutoratChecks", dependencies: ["TutoratCore", "TutoratSite", "TutoratViews"]),
        // The files of the output: pages through the theme, search index, sitemap, exports, encryption, server rules.
        .target(name: "TutoratPublish", dependencies: [
            "TutoratCore", "TutoratMarkdown", "TutoratSource", "TutoratLoad", "TutoratSite", "TutoratViews", "TutoratExports", "TutoratRender",
            "TutoratCrypto", "TutoratLanguage",
        ]),
        // tutorat import: spreadsheet rows into content files, checked as check checks them.
        .target(name: "TutoratImport", dependencies: ["TutoratCore", "TutoratYAML", "TutoratSource", "TutoratLoad", "TutoratSite", "TutoratEdit"]),
        // tutorat build and check: the pipeline top to bottom, the manifest, the atomic write.
        .target(name: "TutoratBuild", dependencies: [
            "TutoratCore", "TutoratLoad", "TutoratSite", "TutoratIndicators", "TutoratChecks", "TutoratViews", "TutoratPublish",
        ]),
        // tutorat serve's rebuilds: the same reader kept in memory, the dependency graph, the watcher.
        .target(name: "TutoratLive", dependencies: [
            "TutoratCore", "TutoratMarkdown", "TutoratSource", "TutoratLoad", "TutoratSite", "TutoratIndicators", "TutoratChecks",
            "TutoratViews", "TutoratPublish", "TutoratBuild",
        ]),
        // tutorat init, new and theme copy: files written from the ones built into tutorat.
        .target(name: "TutoratScaffold", dependencies: ["TutoratCore", "TutoratSource", "TutoratSite", "TutoratLoad", "TutoratResources"]),
        // tutorat serve --edit: entries recorded from forms, inserted in a progress file without changing a byte of it.
        .target(name: "TutoratEdit", dependencies: ["TutoratCore", "TutoratYAML", "TutoratSource", "TutoratMustache", "TutoratResources"]),
        // tutorat serve: the HTTP server, live reload and safe file serving over the live build.
        .target(name: "TutoratServe", dependencies: [
            "TutoratLive", "TutoratBuild", "TutoratPublish", "TutoratMustache", "TutoratCore", "TutoratResources", "TutoratEdit", "TutoratSource", .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "tutorat", dependencies: [
            "TutoratBuild", "TutoratLive", "TutoratPublish", "TutoratScaffold", "TutoratSource", "TutoratCore", "TutoratImport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "TutoratServe",
        ], plugins: ["BuildCommit"]),
        // A libFuzzer target over everything that reads untrusted bytes (make fuzz);
        // built normally, it replays the files it is given.
        .executableTarget(name: "tutorat-fuzz", dependencies: ["TutoratSource", "TutoratYAML", "TutoratMarkdown"]),
        .testTarget(name: "TutoratCoreTests", dependencies: ["TutoratCore", "TutoratTestSupport"]),
        .testTarget(name: "TutoratYAMLTests", dependencies: ["TutoratYAML"]),
        .testTarget(name: "TutoratMarkdownTests", dependencies: ["TutoratMarkdown"]),
        .testTarget(name: "TutoratSourceTests", dependencies: ["TutoratSource"]),
        .testTarget(name: "TutoratEditTests", dependencies: ["TutoratEdit", "TutoratSource", "TutoratCore", "TutoratYAML", "TutoratTestSupport"]),
        .testTarget(name: "TutoratSiteTests", dependencies: ["TutoratSite", "TutoratSource"]),
        .testTarget(name: "TutoratIndicatorsTests", dependencies: ["TutoratIndicators", "TutoratSite", "TutoratSource"]),
        .testTarget(name: "TutoratImportTests", dependencies: ["TutoratImport", "TutoratSite", "TutoratSource", "TutoratCore", "TutoratTestSupport"]),
        .testTarget(name: "TutoratViewsTests", dependencies: ["TutoratViews", "TutoratLanguage"]),
        .testTarget(name: "TutoratChecksTests", dependencies: ["TutoratChecks"]),
        .testTarget(name: "TutoratExportsTests", dependencies: ["TutoratExports", "TutoratViews", "TutoratLanguage", "TutoratCharts", "TutoratIndicators", "TutoratSite", "TutoratSource", "TutoratCore"]),
        // The care-home fixture site (Tests/Fixtures/sites/care-home/), read by the end-to-end, serve and command-line tests.
        .target(name: "TutoratTestSupport", path: "Tests/TutoratTestSupport"),
        // End to end through the disk: load, build, publish, live rebuilds, scaffolding.
        .testTarget(name: "TutoratPipelineTests", dependencies: [
            "TutoratTestSupport", "TutoratCore", "TutoratLoad", "TutoratChecks", "TutoratPublish", "TutoratBuild", "TutoratLive", "TutoratScaffold",
            "TutoratCrypto", "TutoratResources", "TutoratViews", "TutoratSite", "TutoratSource", "TutoratLanguage",
        ]),
        .testTarget(name: "TutoratCryptoTests", dependencies: ["TutoratCrypto", "TutoratCore", "TutoratTestSupport"]),
        .testTarget(name: "TutoratMustacheMacrosTests", dependencies: [
            "TutoratMustacheMacros", .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
            .product(name: "SwiftSyntaxMacroExpansion", package: "swift-syntax"),
        ]),
        // swift-mustache is the reference the compiled renderer is compared with, page by page.
        .testTarget(name: "TutoratRenderTests", dependencies: [
            "TutoratMustache", "TutoratRender", "TutoratBuild", "TutoratPublish", "TutoratViews", "TutoratResources", "TutoratCore", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Runs the built executable (make test builds it first), as a user would.
        .testTarget(name: "TutoratCLITests", dependencies: ["TutoratTestSupport"]),
        .testTarget(name: "TutoratServeTests", dependencies: ["TutoratTestSupport", "TutoratServe", "TutoratLive", "TutoratBuild", "TutoratPublish", "TutoratCore", "TutoratResources"]),
    ]
)
