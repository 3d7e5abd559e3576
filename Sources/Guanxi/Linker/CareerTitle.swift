import Foundation

/// A title as career profiles (``CareerEvidence/Profile``) file it: its keys
/// as numbers, worked out once per distinct title rather than written and
/// hashed as text for every mention of every profile.
///
/// One object a distinct title (text, role, institution, jurisdiction, rank
/// label: what grading and placing read), shared by every titles list
/// (``LinkTitles``) that names it, from one numbering for the whole
/// process: the same text has the same number, different texts different
/// numbers (compared as Swift compares strings, as the text keys they
/// stand for were). A list keeps a reference a title (titles lists are
/// nearly one a titled mention: they hold where each title was written).
final class CareerTitle: Sendable {
    /// The title: its place in the numbering.
    let number: Int32
    /// Its post `role@institution`, or -1 (no institution, or a rank label).
    let postKey: Int32
    /// The text of `postKey` (nil where it is -1).
    let postKeyText: String?
    /// `text|jurisdiction`: what a career point of the post is filed under.
    let point: Int32
    /// Its span `jurisdiction|role@institution` (the title's text when it
    /// names no institution), or -1 (no jurisdiction, or a rank label).
    let span: Int32
    /// The text of `span` (nil where it is -1).
    let spanText: String?

    private init(_ t: TitleMention, number: Int32, numbering: inout Numbering) {
        self.number = number
        if let organization = t.organization, !t.isRank {
            let text = "\(t.role)@\(organization)"
            (postKey, postKeyText) = (numbering.text(text), text)
        } else {
            (postKey, postKeyText) = (-1, nil)
        }
        point = numbering.text("\(t.text)|\(t.jurisdiction ?? "")")
        if let j = t.jurisdiction, !t.isRank {
            let text = "\(j)|\(t.role)@\(t.organization ?? t.text)"
            (span, spanText) = (numbering.text(text), text)
        } else {
            (span, spanText) = (-1, nil)
        }
    }

    /// The objects of `titles`, in their order.
    static func of(_ titles: [TitleMention]) -> [CareerTitle] {
        guard !titles.isEmpty else { return [] }
        return numbering.withLock { numbering in titles.map { numbering.title($0) } }
    }

    /// What grading and placing read of a title.
    private struct Identity: Hashable {
        var text: String
        var role: String
        var organization: String?
        var jurisdiction: String?
        var isRank: Bool
    }

    /// The titles and key texts seen, numbered in the order first seen.
    private struct Numbering {
        var titles: [Identity: CareerTitle] = [:]
        var texts: [String: Int32] = [:]

        mutating func title(_ t: TitleMention) -> CareerTitle {
            let identity = Identity(
                text: t.text, role: t.role, organization: t.organization, jurisdiction: t.jurisdiction,
                isRank: t.isRank)
            if let known = titles[identity] { return known }
            let title = CareerTitle(t, number: Int32(titles.count), numbering: &self)
            titles[identity] = title
            return title
        }

        mutating func text(_ s: String) -> Int32 {
            if let known = texts[s] { return known }
            let number = Int32(texts.count)
            texts[s] = number
            return number
        }
    }

    /// The one numbering, behind a lock (titles lists are read on several
    /// threads): an entry a distinct title and key text seen.
    private static let numbering = LockedNumbering()

    private final class LockedNumbering: @unchecked Sendable {
        private let lock = NSLock()
        private var numbering = Numbering()

        func withLock<T>(_ body: (inout Numbering) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&numbering)
        }
    }
}
