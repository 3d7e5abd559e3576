import Testing

@testable import Guanxi

/// The data structures behind the extractor's speed: each gives the same
/// answers as the plain structure it replaces.
@Suite struct ExtractorStructureTests {
    @Test func nameIndexKeepsStringEquality() {
        // U+F900 is a compatibility ideograph whose canonical form is U+8C48:
        // equal as Strings, different as scalars.
        var index = NameIndex()
        let r1 = index.insert("金\u{8C48}")
        #expect(r1 == (0, true))
        let r2 = index.insert("张群环")
        #expect(r2 == (1, true))
        let r3 = index.insert("金\u{F900}")
        #expect(r3 == (0, false))
        let r4 = index.insert("张群环")
        #expect(r4 == (1, false))
        #expect(index.names == ["金\u{8C48}", "张群环"])

        var other = NameIndex()
        let r5 = other.insert("金\u{F900}")
        #expect(r5 == (0, true))
        let r6 = other.id(of: "金\u{8C48}")
        #expect(r6 == 0)
        let r7 = other.insert("欧阳修远志")
        #expect(r7 == (1, true))
        let r8 = other.id(of: "欧阳修远")
        #expect(r8 == nil)

        var packed = NameIndex()
        _ = packed.insert("胡勇春")
        let r9 = packed.id(of: "胡勇")
        #expect(r9 == nil)
        let r10 = packed.id(of: "金\u{F900}")
        #expect(r10 == nil)
        let r11 = packed.id(of: "胡勇春")
        #expect(r11 == 0)
    }

    @Test func smallStringSetDedupesPastItsLinearLimit() {
        var set = SmallStringSet()
        let words = (0..<20).map { "市委第\($0)书记" }
        for w in words {
            let inserted = set.insert(w)
            #expect(inserted)
        }
        for w in words {
            let r12 = set.insert(w)
            #expect(!r12)
            #expect(set.contains(w))
        }
        let r13 = set.insert("市委第3书记")
        #expect(!r13)
        #expect(!set.contains("市委书记"))
    }

    @Test func pairIndexFindsWhatALinearScanFinds() {
        let segments: [[Unicode.Scalar]] = [
            Array("金政金政金政，金政金".unicodeScalars),
            [],
            Array("市委书记金政在会上强调金政金政政金".unicodeScalars),
        ]
        let index = PairIndex(segments)
        for needle in ["金政", "政金", "金政金", "金政在", "书记", "强调金政", "没有"] {
            let n = Array(needle.unicodeScalars)[...]
            var expected: [(Int, Int)] = []
            for (seg, s) in segments.enumerated() where s.count >= n.count {
                var i = 0
                while i <= s.count - n.count {
                    if s[i..<(i + n.count)].elementsEqual(n) {
                        expected.append((seg, i))
                        i += n.count
                    } else {
                        i += 1
                    }
                }
            }
            let found = index.positions(of: n)
            #expect(found.map(\.segment) == expected.map(\.0), "\(needle)")
            #expect(found.map(\.offset) == expected.map(\.1), "\(needle)")
        }
    }

    @Test func scalarTrieMatchesLongestWordAfterGrowing() {
        var trie = ScalarTrie<Int>()
        var words: [String] = []
        for a in 0..<30 {
            for b in 0..<30 {
                let word = String(scalars: [Unicode.Scalar(0x4E00 + a)!, Unicode.Scalar(0x4F00 + b)!])
                words.append(word)
                trie.insert(word, a * 100 + b)
            }
        }
        trie.insert("\u{4E00}\u{4F00}\u{5000}", -1)
        let text = Array("\u{4E00}\u{4F00}\u{5000}\u{4E05}\u{4F07}".unicodeScalars)
        #expect(trie.longestMatch(in: text, at: 0)?.payload == -1)
        #expect(trie.longestMatch(in: text, at: 0)?.length == 3)
        #expect(trie.longestMatch(in: text, at: 3)?.payload == 507)
        #expect(trie.longestMatch(in: text, at: 2) == nil)
        for (k, w) in words.enumerated() { #expect(trie.payload(for: w) == (k / 30) * 100 + k % 30) }
    }

    @Test func stringScalarConversionsRoundTrip() {
        let text = "a\u{E9}金\u{20000}\u{F900} \n"
        #expect(text.scalarArray == Array(text.unicodeScalars))
        #expect(String(scalars: text.scalarArray) == text)
        #expect(String(scalars: text.scalarArray).utf8.elementsEqual(text.utf8))
        #expect("".scalarArray.isEmpty)
        #expect(String(scalars: [Unicode.Scalar]()) == "")
    }

    @Test func jsonWriterNumbersAndDeepNesting() {
        var w = JSONWriter()
        w.beginArray()
        for n in [0, 7, 10, 1_234_567, -42, Int.max, Int.min] { w.int(n) }
        w.endArray()
        #expect(w.output == "[0,7,10,1234567,-42,\(Int.max),\(Int.min)]")

        var deep = JSONWriter()
        deep.beginArray()
        for _ in 0..<70 {
            deep.int(1)
            deep.beginArray()
        }
        for _ in 0..<70 {
            deep.endArray()
            deep.int(2)
        }
        deep.endArray()
        #expect(deep.output == "[" + String(repeating: "1,[", count: 70) + String(repeating: "],2", count: 70) + "]")
    }
}
