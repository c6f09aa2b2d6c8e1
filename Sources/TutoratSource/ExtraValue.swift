/// A front-matter field that `tutorat` does not know. It is kept and handed to
/// templates, so a theme can show fields an organisation adds.
public indirect enum ExtraValue: Sendable, Equatable {
    case text(String)
    case list([ExtraValue])
    case map([String: ExtraValue])
}
