/// Namesakes one after the other in one place: a draft is made of the
/// mentions of one name in one place, so a common name held there by one
/// official and then by another is one draft. When another draft of the name
/// is ruled out against it only from some month on, the place may have
/// changed hands then: the draft is cut at that month when each part then
/// joins a different namesake (one official moved away as the other moved
/// in), which explains the clashes with fewer people than leaving it whole.
extension PersonLinker {
    /// A cut that explains clashes: `draft`'s mentions before `month` join
    /// one draft, those from `month` on another.
    struct Handover {
        var draft: Int
        var month: Int
        var early: [Int]
        var late: [Int]
        var earlyJoins: Int
        var lateJoins: Int
        var earlyScore: CareerEvidence.Score
        var lateScore: CareerEvidence.Score
        var earlyProfile: CareerEvidence.Profile
        var lateProfile: CareerEvidence.Profile
        /// Why the draft could not be joined whole: the clash that suggested the cut.
        var clash: String
        var bits: Double { earlyScore.bits + lateScore.bits }
    }

    /// Drafts of one name tried for cuts: a name with more is left as it is.
    static let maxHandoverDrafts = 16

    /// The best cut among the drafts `alive`, or nil when none explains a clash.
    ///
    /// Each pair of drafts ruled out as one person by posts held at once is
    /// tried with the first draft cut where the clash begins and where it
    /// ends (never joined to another draft of its own place); a cut counts
    /// when one part joins the other draft and the other part a third one
    /// (both reaching the threshold, neither ruled out), the early part's
    /// official moving on to the draft it joins and the late part's coming
    /// from its own (``handsOver(_:_:to:from:)``). At most ``maxHandoverDrafts`` drafts a name are tried: a few
    /// hundred profiles, whatever the number of mentions.
    func bestHandover(
        _ alive: [Int], members: (Int) -> [Int], scope: (Int) -> String?, profiles: [Int: CareerEvidence.Profile],
        _ mentions: [LinkMention], name: String, evidence: CareerEvidence, memo: CareerEvidence.TitleMemo? = nil
    ) -> Handover? {
        guard alive.count >= 3, alive.count <= Self.maxHandoverDrafts else { return nil }
        var best: Handover?
        var parts: [Int: (early: [Int], late: [Int], pe: CareerEvidence.Profile, pl: CareerEvidence.Profile)?] = [:]
        for a in alive {
            // Drafts of one place were split for posts at once: they stay apart (as in ``weigh``).
            func apart(_ x: Int) -> Bool { x == a || (scope(a) != nil && scope(x) == scope(a)) }
            for b in alive where !apart(b) {
                guard let pa = profiles[a], let pb = profiles[b], let clash = evidence.clash(pa, pb) else { continue }
                for month in [clash.start, clash.end + 1] {
                    let key = a * 1_000_000 + month
                    if parts[key] == nil {
                        parts[key] = split(members(a), at: month, mentions).map { early, late in
                            (
                                early, late,
                                CareerEvidence.Profile(
                                    early, mentions, scope: scope(a), partners: partners, evidence: evidence,
                                    memo: memo),
                                CareerEvidence.Profile(
                                    late, mentions, scope: scope(a), partners: partners, evidence: evidence, memo: memo)
                            )
                        }
                    }
                    guard let (early, late, pe, pl) = parts[key] ?? nil else { continue }
                    // One part joins b, the other a third draft: the early one a draft
                    // that begins as it ends, the late one a draft that ends as it begins.
                    for earlyToB in [true, false] {
                        guard Self.handsOver(pe, pl, to: earlyToB ? pb : nil, from: earlyToB ? nil : pb) else {
                            continue
                        }
                        let toB = evidence.score(name: name, earlyToB ? pe : pl, pb)
                        guard toB.merges else { continue }
                        for c in alive where !apart(c) && c != b {
                            guard let pc = profiles[c],
                                Self.handsOver(pe, pl, to: earlyToB ? nil : pc, from: earlyToB ? pc : nil)
                            else { continue }
                            let toC = evidence.score(name: name, earlyToB ? pl : pe, pc)
                            guard toC.merges else { continue }
                            let candidate = Handover(
                                draft: a, month: month, early: early, late: late, earlyJoins: earlyToB ? b : c,
                                lateJoins: earlyToB ? c : b, earlyScore: earlyToB ? toB : toC,
                                lateScore: earlyToB ? toC : toB, earlyProfile: pe, lateProfile: pl,
                                clash: evidence.overlap(pa, pb) ?? "")
                            if best == nil || candidate.bits > best!.bits { best = candidate }
                        }
                    }
                }
            }
        }
        return best
    }

    /// The most months between one holder's last sighting in a place and
    /// the first sighting elsewhere of the official who moved.
    static let handoverGap = 24

    /// Whether the early part's official can have moved on to `to` (seen
    /// there from the early part's end, within ``handoverGap``) and the late
    /// part's have come from `from` (seen there up to the late part's start):
    /// a handover, not a namesake who only stayed on. Nil: not asked.
    static func handsOver(
        _ early: CareerEvidence.Profile, _ late: CareerEvidence.Profile, to: CareerEvidence.Profile?,
        from: CareerEvidence.Profile?
    ) -> Bool {
        if let to {
            guard let end = early.last, let start = to.first, start >= end, start - end <= handoverGap else {
                return false
            }
        }
        if let from {
            guard let start = late.first, let end = from.last, end <= start, start - end <= handoverGap else {
                return false
            }
        }
        return true
    }

    /// `members` cut at `month`: those dated before it, and those from it on
    /// (undated ones stay with the larger part); nil when either is empty.
    func split(_ members: [Int], at month: Int, _ mentions: [LinkMention]) -> (early: [Int], late: [Int])? {
        var early: [Int] = [], late: [Int] = [], undated: [Int] = []
        for i in members {
            guard let m = mentions[i].careerMonth?.month else {
                undated.append(i)
                continue
            }
            if m < month { early.append(i) } else { late.append(i) }
        }
        guard !early.isEmpty, !late.isEmpty else { return nil }
        if early.count >= late.count { early += undated } else { late += undated }
        return (early, late)
    }
}
