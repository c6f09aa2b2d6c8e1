import TutoratLanguage
import TutoratCore
import TutoratLoad
import TutoratRender
import TutoratSource
import TutoratViews

/// A theme ready to use: compiled templates, the words of the site's language,
/// and the static files to publish under `theme/`.
package struct LoadedTheme {
    package var theme: Theme
    package var strings: Strings
    /// Relative path under `theme/` to the layer that provides it.
    package var assets: [(path: String, source: ThemeLayer)]
    /// Template name to text, for following includes when a template changes.
    package var templateTexts: [String: String]

    /// Reads the site's theme and compiles its templates; those whose text is
    /// the same as in `previous` are taken from it as they are.
    package static func load(site: String, config: SiteConfig, previous: LoadedTheme? = nil) -> (theme: LoadedTheme?, diagnostics: [Diagnostic]) {
        let (source, diagnostics) = ThemeLoader.load(site: site, config: config)
        guard let source else { return (nil, diagnostics) }
        let compiled = Theme.compile(source.templates, reusing: previous.map { ($0.theme, $0.templateTexts) })
        guard let theme = compiled.theme else { return (nil, diagnostics + compiled.diagnostics) }
        return (LoadedTheme(theme: theme, strings: Strings(source.strings), assets: source.assets,
                            templateTexts: source.templates.mapValues(\.text)), diagnostics + compiled.diagnostics)
    }
}
