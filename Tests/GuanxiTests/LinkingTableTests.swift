import Foundation
import GRDB
import Testing

@testable import Guanxi

/// What the relink holds in memory in place of SQLite sorting the mention
/// table: each piece gives what the store, or the code it stands in for, gives.
@Suite struct LinkingTableTests {
    @Test func byteInternerNumbersEachStringOnceAndOrdersThemAsSQLite() throws {
        // Prefixes, empty, non-ASCII, repeats, and enough strings to grow the slots.
        var words = ["", "a", "ab", "abc", "b", "市", "市委", "中共永康市委", "永康市", "𠮷野", "é", "e\u{301}", "~", "2018-03"]
        words += (0..<300).map { "name\($0 * 7919 % 1000)" }
        var interner = ByteInterner()
        // By bytes: composed and decomposed é are equal Strings but two byte strings.
        var numbers: [[UInt8]: Int32] = [:]
        for word in words + words.reversed() {
            let bytes = Array(word.utf8)
            let number = bytes.withUnsafeBufferPointer { interner.number($0) }
            if let known = numbers[bytes] { #expect(number == known, "\(word)") } else { numbers[bytes] = number }
        }
        #expect(interner.count == numbers.count && numbers.count == Set(words.map { Array($0.utf8) }).count)
        for (bytes, number) in numbers { #expect(Array(interner.string(Int(number)).utf8) == bytes) }
        // The byte order is the one SQLite's BINARY collation gives.
        let queue = try DatabaseQueue()
        let sqlite = try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT value FROM json_each(?) ORDER BY value",
                arguments: [
                    String(
                        data: try JSONEncoder().encode(
                            Array(Set(words.map { Array($0.utf8) })).map {
                                String(decoding: $0, as: UTF8.self)
                            }), encoding: .utf8)!
                ])
        }
        let ordered = interner.numbersInByteOrder().map { interner.string(Int($0)) }
        #expect(ordered.map { Array($0.utf8) } == sqlite.map { Array($0.utf8) })
    }

    @Test func mentionTableReadInPartsIsTheMentionTableOfTheStore() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)
        let stored = try store.rows(
            """
            SELECT m.id, m.articleId, m.position, m.name, m.kind, m.referenced, m.inName, m.titles, mp.personId
            FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id ORDER BY m.id
            """)
        #expect(stored.count > 50)
        let byName = try store.rows("SELECT id FROM mention ORDER BY name, id").map { $0["id"]!! }
        for parts in [1, 2, 3, 7] {
            let table = try store.read { db in
                let ranges = try MentionTable.idRanges(db, parts: parts)
                #expect(ranges.count == parts)
                var whole = try MentionTable.Part(db, ids: ranges[0], capacity: 16)
                for range in ranges.dropFirst() { whole.append(try MentionTable.Part(db, ids: range, capacity: 16)) }
                return MentionTable(whole)
            }
            #expect(table.count == stored.count)
            for (row, m) in stored.enumerated() {
                #expect("\(table.ids[row])" == m["id"]!)
                #expect("\(table.articles[row])" == m["articleId"]!)
                #expect("\(table.positions[row])" == m["position"]!)
                #expect(table.names[Int(table.nameNumbers[row])] == m["name"]!)
                #expect(table.kind(row).rawValue == m["kind"]!)
                #expect(table.isReferenced(row) == (m["referenced"]! == "1"))
                #expect(table.isInName(row) == (m["inName"]! == "1"))
                #expect(table.titleLists[Int(table.titleNumbers[row])].titles == TitlesJSON.decode(m["titles"]!!))
                #expect(table.personBefore(row) == m["personId"]!)
            }
            // Grouped by name as SQLite orders `ORDER BY name, id`.
            let (order, groups) = table.nameGroups()
            #expect(order.map { "\(table.ids[Int($0)])" } == byName)
            #expect(groups.map(\.rows.count).reduce(0, +) == stored.count)
            for group in groups {
                #expect(order[group.rows].allSatisfy { table.nameNumbers[Int($0)] == group.name })
            }
        }
    }

    @Test func linkDatesRankAsTheirStringsCompare() {
        let dates: [String?] = [nil, "2018", "2018-03", "2018-03-05", "2017-12-31", "2018-03", "~", "二〇一八年", "", nil]
        let ranked = LinkDate.ranked(dates)
        for (a, x) in zip(dates, ranked) {
            #expect(x.date == a)
            #expect(x.month == a.flatMap { $0.utf8.count >= 7 ? String($0.prefix(7)) : nil })
            for (b, y) in zip(dates, ranked) {
                #expect((x.rank < y.rank) == ((a ?? "~") < (b ?? "~")), "\(a ?? "nil") vs \(b ?? "nil")")
                #expect((x.rank == y.rank) == ((a ?? "~") == (b ?? "~")))
            }
        }
    }

    @Test func coappearanceWeighedFirstGivesTheEdgesOfOnePass() {
        var generator = SystemRandomNumberGenerator()
        var articles: [(Int64, String?, [Int32])] = []
        for article in 0..<400 {
            let people = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                Int32.random(in: 0..<12, using: &generator)
            }
            let date = Bool.random(using: &generator) ? nil : "2018-0\(Int.random(in: 1...9, using: &generator))"
            articles.append((Int64(article * 3), date, people))
        }
        var onePass = CoappearanceBuilder(options: LinkOptions())
        var twoPasses = onePass
        for (article, date, people) in articles { onePass.add(article: article, date: date, people: people) }
        for (_, _, people) in articles { twoPasses.weigh(people: people) }
        for (article, date, people) in articles { twoPasses.add(article: article, date: date, people: people) }
        let (one, two) = (onePass.result(), twoPasses.result())
        #expect(!one.isEmpty && one.count == two.count)
        for (x, y) in zip(one, two) {
            #expect((x.a, x.b, x.firstDate, x.lastDate, x.articles) == (y.a, y.b, y.firstDate, y.lastDate, y.articles))
        }
    }

    @Test func jurisdictionCountsDecodeAsJSONDoes() {
        func decode(_ json: String) -> [String: Int]? {
            var json = json
            return json.withUTF8 { TitlesJSON.decodeCounts($0) }.map { Dictionary($0, uniquingKeysWith: +) }
        }
        #expect(decode(#"{"永康市":12,"东阳市":3}"#) == ["永康市": 12, "东阳市": 3])
        #expect(decode("{}") == [:])
        // Escapes go by JSONDecoder.
        #expect(decode(#"{"a\"b":1,"\u6c38\u5eb7":2}"#) == ["a\"b": 1, "永康": 2])
        #expect(decode(#"{"a":1"#) == nil)
        #expect(decode(#"["a"]"#) == nil)
    }
}
