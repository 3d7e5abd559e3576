/// Names inside place names, figures of the past, and leaders named in ideology phrases.
extension ArticlePass {
    mutating func scanPastAndPlaces(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        var i = 1
        var previousCueEnd = -1
        let marks = self.marks[seg]
        while i < s.count {
            i = marks.next(.pastCues, from: i)
            guard i < s.count else { break }
            let landmark = ontology.landmarkCues.longestMatch(in: s, at: i)
            let legacy = landmark == nil ? ontology.legacyCues.longestMatch(in: s, at: i) : nil
            guard let m = landmark ?? legacy else {
                i += 1
                continue
            }
            // 陈亮宋韵文化复兴: what stands before 文化复兴 is the cue 宋韵, not a name.
            if let r = names.readBackward(s, endingAt: i, lowerLimit: max(0, previousCueEnd)), r.count <= 3,
                ontology.cues.longestMatch(in: s, at: r.lowerBound).map({ $0.length < r.count }) ?? true
            {
                add(
                    seg, r, .historical, [], landmark != nil ? "in-place-name" : "figure-of-the-past",
                    inName: landmark != nil)
            }
            previousCueEnd = i + m.length
            i += m.length
        }
    }

    // MARK: - Leaders in ideology phrases

    mutating func scanIdeology(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let marks = self.marks[seg]
        var i = 2
        while i < s.count {
            i = marks.next(.ideologyCues, from: i)
            guard i < s.count, let m = ontology.ideologyCues.longestMatch(in: s, at: i) else {
                i += 1
                continue
            }
            if let r = names.readBackward(s, endingAt: i, lowerLimit: 0), m.length > 2 || r.count >= 3,
                !names.hasCommonSurname(s, at: r.lowerBound)
            {
                add(seg, r, .official, [], "ideology-phrase", ideology: true)
            }
            i += m.length
        }
    }
}
