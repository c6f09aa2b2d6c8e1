import Mustache
import TutoratCore
import TutoratViews

/// A theme's templates compiled once, ready to render any page from any thread.
/// The caller reads the files (this module never touches the disk) and hands
/// over their text by name: `tutee` for `templates/tutee.mustache`.
public struct Theme: Sendable {
    let library: MustacheLibrary

    /// Compiles every template; a syntax error is a diagnostic on the template file.
    /// - Parameter templates: name to (path for diagnostics, text).
    public static func compile(_ templates: [String: (path: String, text: String)]) -> (theme: Theme?, diagnostics: [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(template.text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("E-TEMPLATE", "template error: \(error.error)",
                                          at: SourceLocation(file: template.path, line: error.context.lineNumber, column: error.context.columnNumber)))
            } catch {
                diagnostics.append(.error("E-TEMPLATE", "template error: \(error)", at: SourceLocation(file: template.path)))
            }
        }
        for name in Route.templates where templates[name] == nil {
            diagnostics.append(.error("E-TEMPLATE", "the theme has no template '\(name).mustache'", at: nil,
                                      hint: "copy it from themes/default/templates/"))
        }
        return (diagnostics.hasErrors ? nil : Theme(library: library), diagnostics)
    }

    /// The page as HTML; nil only when the template does not exist.
    public func render(_ page: PageView, template: String) -> String? {
        library.render(page, withTemplate: template)
    }
}
