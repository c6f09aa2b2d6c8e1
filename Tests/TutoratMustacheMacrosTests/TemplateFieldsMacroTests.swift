import SwiftSyntaxMacros
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosTestSupport
@testable import TutoratMustacheMacros
import XCTest

/// What `@TemplateFields` writes, and what it refuses. The hash literals are
/// 64-bit FNV-1a of the names (TemplateEngineTests checks that the engine
/// computes the same for a compiled template's names).
final class TemplateFieldsMacroTests: XCTestCase {
    /// As the compiler calls it: with the conformance the type still lacks.
    let macros: [String: MacroSpec] = [
        "TemplateFields": MacroSpec(type: TemplateFieldsMacro.self, conformances: ["TemplateObject"]),
        "TemplateIgnored": MacroSpec(type: TemplateIgnoredMacro.self),
    ]

    func testPlainStruct() {
        assertMacroExpansion(
            """
            @TemplateFields
            public struct LinkView {
                public var label: String
                public let href: String
                static let shared = 1
            }
            """,
            expandedSource: """
            public struct LinkView {
                public var label: String
                public let href: String
                static let shared = 1
            }

            extension LinkView: TutoratMustache.TemplateObject {
                public func templateValue(_ name: TutoratMustache.TemplateName) -> TutoratMustache.TemplateValue {
                    switch name.hash {
                    case \(hash("label")):
                        if name.text == "label" {
                            return self.label.templateValue
                        }
                    case \(hash("href")):
                        if name.text == "href" {
                            return self.href.templateValue
                        }
                    default:
                        break
                    }
                    return .null
                }
            }
            """,
            macroSpecs: macros
        )
    }

    func testOptionalAndListFieldsAndIgnoredOnes() {
        assertMacroExpansion(
            """
            @TemplateFields
            struct Sample {
                var note: String?
                var items: [Sample]
                @TemplateIgnored var cache: Int
                @TemplateIgnored var summary: String { note ?? "" }
                var observed: Int = 0 {
                    didSet {}
                }
            }
            """,
            expandedSource: """
            struct Sample {
                var note: String?
                var items: [Sample]
                var cache: Int
                var summary: String { note ?? "" }
                var observed: Int = 0 {
                    didSet {}
                }
            }

            extension Sample: TutoratMustache.TemplateObject {
                public func templateValue(_ name: TutoratMustache.TemplateName) -> TutoratMustache.TemplateValue {
                    switch name.hash {
                    case \(hash("note")):
                        if name.text == "note" {
                            return self.note.templateValue
                        }
                    case \(hash("items")):
                        if name.text == "items" {
                            return self.items.templateValue
                        }
                    case \(hash("observed")):
                        if name.text == "observed" {
                            return self.observed.templateValue
                        }
                    default:
                        break
                    }
                    return .null
                }
            }
            """,
            macroSpecs: macros
        )
    }

    func testFallbackAndEnumDelegation() {
        assertMacroExpansion(
            """
            @TemplateFields(fallback: "content")
            struct Page {
                var title: String
                var content: Content
            }
            @TemplateFields
            enum Content {
                case home(HomeView), tutee(TuteeView)
                case search(SearchView)
            }
            """,
            expandedSource: """
            struct Page {
                var title: String
                var content: Content
            }
            enum Content {
                case home(HomeView), tutee(TuteeView)
                case search(SearchView)
            }

            extension Page: TutoratMustache.TemplateObject {
                public func templateValue(_ name: TutoratMustache.TemplateName) -> TutoratMustache.TemplateValue {
                    switch name.hash {
                    case \(hash("title")):
                        if name.text == "title" {
                            return self.title.templateValue
                        }
                    default:
                        break
                    }
                    return self.content.templateValue(name)
                }
            }

            extension Content: TutoratMustache.TemplateObject {
                public func templateValue(_ name: TutoratMustache.TemplateName) -> TutoratMustache.TemplateValue {
                    switch self {
                    case .home(let value):
                        return value.templateValue(name)
                    case .tutee(let value):
                        return value.templateValue(name)
                    case .search(let value):
                        return value.templateValue(name)
                    }
                }
            }
            """,
            macroSpecs: macros
        )
    }

    func testWhatItCannotBind() {
        assertMacroExpansion(
            """
            @TemplateFields
            struct Body {
                var toc: [Int]
                var hasToc: Bool { toc.count >= 3 }
                var (x, y): (Int, Int)
            }
            @TemplateFields(fallback: "contents")
            struct Page {
                var content: Int
            }
            @TemplateFields
            enum Content {
                case home(HomeView)
                case none
            }
            @TemplateFields
            protocol Viewable {}
            """,
            expandedSource: """
            struct Body {
                var toc: [Int]
                var hasToc: Bool { toc.count >= 3 }
                var (x, y): (Int, Int)
            }
            struct Page {
                var content: Int
            }
            enum Content {
                case home(HomeView)
                case none
            }
            protocol Viewable {}
            """,
            diagnostics: [
                DiagnosticSpec(
                    message: "computed property 'hasToc' is not a template field (the reference renderer reads stored properties only): make it stored, or mark it @TemplateIgnored",
                    line: 4, column: 9),
                DiagnosticSpec(message: "@TemplateFields cannot name the fields of a tuple pattern; declare one property per name", line: 5, column: 9),
                DiagnosticSpec(message: "the fallback 'contents' is not a stored property of this type", line: 7, column: 27),
                DiagnosticSpec(message: "case 'none' must carry exactly one value, whose fields templates read", line: 14, column: 10),
                DiagnosticSpec(message: "@TemplateFields applies to a struct, a class or an enum", line: 16, column: 1),
            ],
            macroSpecs: macros
        )
    }

    func testHashIsFNV1a() {
        XCTAssertEqual(TemplateFieldsMacro.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(TemplateFieldsMacro.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(TemplateFieldsMacro.fnv1a("foobar"), 0x8594_4171_f739_67e8)
        XCTAssertEqual(TemplateFieldsMacro.hexLiteral(1), "0x0000000000000001")
    }

    private func hash(_ name: String) -> String {
        TemplateFieldsMacro.hexLiteral(TemplateFieldsMacro.fnv1a(name))
    }
}
