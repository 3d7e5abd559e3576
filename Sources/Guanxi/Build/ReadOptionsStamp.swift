/// The read options that applied to one page, as its document stores them
/// (`document.readOptions`): its manifest line's date and URL, and the
/// `--home` given, one per line, or the empty text when neither applied.
///
/// A rebuild compares the stamp a page would get now with the stored one, so
/// a manifest line or a `--home` added, changed or removed since re-reads the
/// pages it concerns.
///
/// ```swift
/// ReadOptionsStamp.of(manifest: entry, home: "永康市")   // "manifest=2018-02-01\nhome=永康市"
/// ```
enum ReadOptionsStamp {
    static func of(manifest entry: DateManifest.Entry?, home: String?) -> String {
        var lines: [String] = []
        if let entry { lines.append("manifest=\(entry.date.iso)" + (entry.url.map { " " + $0 } ?? "")) }
        if let home { lines.append("home=\(home)") }
        return lines.joined(separator: "\n")
    }
}
