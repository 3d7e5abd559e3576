/// Applies a ``Curation`` to the people automatic linking produced.
struct CurationApplier: Sendable {
    var curation: Curation

    func apply(
        _ clusters: inout [PersonCluster], _ mentions: [LinkMention]
    ) -> (decisions: [LinkDecision], problems: [CurationProblem], mergedInto: [String: String]) {
        var decisions: [LinkDecision] = []
        var mergedInto: [String: String] = [:]
        var problems = curation.problems
        for line in curation.lines {
            let rule = "curation:\(line.number)"
            func problem(_ message: String) {
                problems.append(CurationProblem(file: curation.file, line: line.number, message: message))
            }
            func decide(_ id: String?, _ name: String, _ action: String, _ reason: String) {
                decisions.append(
                    LinkDecision(
                        personId: id, name: name, action: action, rule: rule,
                        reason:
                            "\(reason) (\(curation.file.isEmpty ? "curation" : curation.file) line \(line.number): \(line.text))"
                    ))
            }
            switch line.command {
            case .merge(let a, let b):
                let left = resolve(a, clusters), right = resolve(b, clusters)
                guard !left.isEmpty else { problem("unknown person “\(a)”"); continue }
                guard !right.isEmpty else { problem("unknown person “\(b)”"); continue }
                let all = (left + right).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
                guard all.count > 1, let target = left.first else {
                    problem("nothing to merge: “\(a)” and “\(b)” are one person"); continue
                }
                let merged = all.filter { $0 != target }
                for c in merged { clusters[target].members += clusters[c].members }
                clusters[target].members = LinkMention.inSightingOrder(clusters[target].members, of: mentions)
                decide(
                    clusters[target].id, clusters[target].name, "merge",
                    "merged \(merged.map { clusters[$0].id }.joined(separator: ", ")) into \(clusters[target].id)")
                for c in merged { mergedInto[clusters[c].id] = clusters[target].id }
                for c in merged.sorted(by: >) { clusters.remove(at: c) }
            case .splitByDate(let target, let date):
                let found = resolve(target, clusters)
                guard !found.isEmpty else { problem("unknown person “\(target)”"); continue }
                var split = false
                for c in found {
                    let later = clusters[c].members.filter { (mentions[$0].date ?? "") >= date }
                    guard !later.isEmpty, later.count < clusters[c].members.count else { continue }
                    clusters[c].members.removeAll { later.contains($0) }
                    var part = clusters[c]
                    part.id = clusters[c].id + "~" + date
                    part.members = later
                    clusters.append(part)
                    decide(part.id, part.name, "split", "split \(clusters[c].id) at \(date): mentions from \(date) on")
                    split = true
                }
                if !split {
                    problem("split of “\(target)” by date \(date) changed nothing: all mentions are on one side")
                }
            case .splitByJurisdiction(let target):
                let found = resolve(target, clusters)
                guard !found.isEmpty else { problem("unknown person “\(target)”"); continue }
                var split = false
                for c in found {
                    var groups: [String: [Int]] = [:]
                    for i in clusters[c].members {
                        groups[PersonLinker.jurisdiction(of: mentions[i]) ?? "?", default: []].append(i)
                    }
                    guard groups.count > 1 else { continue }
                    let keep =
                        clusters[c].scope.flatMap { groups[$0] != nil ? $0 : nil }
                        ?? groups.keys.sorted()[0]
                    for (jurisdiction, members) in groups.sorted(by: { $0.key < $1.key }) where jurisdiction != keep {
                        clusters[c].members.removeAll { members.contains($0) }
                        var part = clusters[c]
                        part.id = clusters[c].id + "~" + jurisdiction
                        part.scope = jurisdiction
                        part.members = members
                        clusters.append(part)
                        decide(
                            part.id, part.name, "split",
                            "split \(clusters[c].id) by jurisdiction: mentions in \(jurisdiction)")
                    }
                    split = true
                }
                if !split { problem("split of “\(target)” by jurisdiction changed nothing: one jurisdiction only") }
            case .rename(let target, let name):
                let found = resolve(target, clusters)
                guard !found.isEmpty else { problem("unknown person “\(target)”"); continue }
                guard found.count == 1, let c = found.first else {
                    problem(
                        "“\(target)” names \(found.count) people (\(found.map { clusters[$0].id }.joined(separator: ", "))); rename by id"
                    )
                    continue
                }
                decide(clusters[c].id, name, "rename", "renamed \(clusters[c].name) to \(name)")
                clusters[c].name = name
            case .notAPerson(let target):
                let found = resolve(target, clusters)
                guard !found.isEmpty else { problem("unknown person “\(target)”"); continue }
                for c in found {
                    decide(
                        nil, clusters[c].name, "drop",
                        "\(clusters[c].id) is not a person; its \(clusters[c].members.count) mention(s) are unlinked")
                }
                for c in found.sorted(by: >) { clusters.remove(at: c) }
            }
        }
        return (decisions, problems, mergedInto)
    }

    /// Cluster indices whose id is `key`, else whose name is `key`, in sighting order.
    private func resolve(_ key: String, _ clusters: [PersonCluster]) -> [Int] {
        if let exact = clusters.firstIndex(where: { $0.id == key }) { return [exact] }
        return clusters.indices.filter { clusters[$0].name == key }
    }
}
