import Mustache
import TutoratMustache
import TutoratViews

/// A page as swift-mustache reads it, independently of `@TemplateFields`: every
/// view model is a plain struct that swift-mustache reads by reflection (Mirror);
/// only a page's rule needs saying, its own fields first, then those of the view
/// its `content` carries. So a field the macro failed to bind renders here and
/// not in the compiled renderer, and the comparison fails.
struct ReferencePage: MustacheParent {
    let page: PageView

    func child(named name: String) -> Any? {
        if name != "content", let value = Self.field(name, of: page) { return value }
        // An enum case's Mirror has one child: its associated value, the page's view.
        guard let view = Mirror(reflecting: page.content).children.first?.value else { return nil }
        return Self.field(name, of: view)
    }

    /// The stored property of this label, an optional unwrapped as swift-mustache does.
    static func field(_ name: String, of object: Any) -> Any? {
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}

/// A list made as the template reaches it reads, for swift-mustache, as the array it stands for.
extension LazyViews: MustacheSequence, MustacheTransformable {
    public func transform(_ name: String) -> Any? { Array(self).transform(name) }
}

/// The theme's words read by swift-mustache as the dictionary they are.
extension TemplateTable: MustacheParent {
    public func child(named name: String) -> Any? { self[name] }
}
