/// Private people: award lists, people interviewed, named with a relation.
extension ArticlePass {
    mutating func scanCitizens(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let marks = self.marks[seg]
        var i = 0
        while i < s.count {
            i = marks.next(.citizenCues, from: i)
            guard i < s.count else { break }
            // 甲、乙等6人入选 / 某某获评
            if let m = ontology.awardCues.longestMatch(in: s, at: i) {
                var e = i
                if e > 0, s[e - 1] == "人" || s[e - 1] == "名" {
                    var k = e - 1
                    while k > 0, isNumeral(s[k - 1]) { k -= 1 }
                    if k < e - 1, k > 0, s[k - 1] == "等" { e = k - 1 }
                } else if e > 0, s[e - 1] == "等" {
                    e -= 1
                }
                for r in listBefore(s, end: e, lenientFirst: false) where !isEstablishedOfficial(r, seg) {
                    add(seg, r, .citizen, [], "honour-list")
                }
                i += m.length
                continue
            }
            // “快递小哥”某某、
            if ScalarClass.closingQuotes.contains(s[i]), i > 1, ScalarClass.epithetEnds.contains(s[i - 1]),
                let open = (max(0, i - 9)..<i).last(where: { s[$0] == "“" || s[$0] == "\"" })
            {
                _ = open
                var k = i + 1
                while k < s.count, ScalarClass.isIdeograph(s[k]), s[k] != "等", k - i <= 4 { k += 1 }
                let r = (i + 1)..<k
                if k < s.count, ScalarClass.listSeparators.contains(s[k]) || s[k] == "等" || s[k] == "。",
                    names.isName(s, r), !names.hasCommonSurname(s, at: r.lowerBound)
                {
                    add(seg, r, .citizen, [], "epithet")
                }
            }
            i += 1
        }
    }

    func isNumeral(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || "一二三四五六七八九十百两".unicodeScalars.contains(c)
    }

    mutating func isEstablishedOfficial(_ r: Range<Int>, _ seg: Int) -> Bool {
        while officialNamesFilled < officials.count {
            _ = officialNames.insert(found[officials[officialNamesFilled]].name)
            officialNamesFilled += 1
        }
        return officialNames.id(of: string(seg, r)) != nil
    }
}
