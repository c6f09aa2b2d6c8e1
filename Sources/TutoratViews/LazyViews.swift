import TutoratMustache

/// A long list whose views are made as the template reaches them, one at a
/// time. The dashboard of a national network lists every alert of the site
/// (400 000 for 100 000 tutees): held as views, with their texts and links,
/// they were 130 MB alive for the whole page.
public struct LazyViews<Element: TemplateConvertible>: RandomAccessCollection, TemplateList, TemplateConvertible, Sendable {
    public let count: Int
    private let make: @Sendable (Int) -> Element

    public init(count: Int, _ make: @escaping @Sendable (Int) -> Element) {
        self.count = count
        self.make = make
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> Element { make(position) }

    public func templateElement(_ index: Int) -> TemplateValue { make(index).templateValue }
    public var templateValue: TemplateValue { .list(TemplateListBox(self)) }
}
