/// Makes a type a `TemplateObject` whose fields are its stored properties, by name:
/// the lookups are written when the type compiles, so a field added to a view
/// model is usable in a template with no other step.
///
/// - On a struct (or class): one case per stored instance property, switching on
///   the hash of the name (`TemplateName.hash`) and confirming with its text.
///   Every field's type must be `TemplateConvertible`. A computed property is an
///   error unless marked `@TemplateIgnored`: it would be invisible to the
///   reference renderer of the tests, which reads stored properties by reflection.
/// - `fallback:` names a property looked up when the type has no field of that
///   name (`PageView`: its own fields, then those of its `content`).
/// - On an enum whose every case carries one `TemplateObject`: the lookup of the
///   case's value (`PageContent`).
@attached(extension, conformances: TemplateObject, names: named(templateValue))
public macro TemplateFields(fallback: String? = nil) = #externalMacro(module: "TutoratMustacheMacros", type: "TemplateFieldsMacro")

/// Leaves a property out of `@TemplateFields`: templates cannot read it.
@attached(peer)
public macro TemplateIgnored() = #externalMacro(module: "TutoratMustacheMacros", type: "TemplateIgnoredMacro")
