/// Turns each person's titles into posts (role + institution) with first and
/// last dated sighting and the articles behind them. Rank labels (`市领导`)
/// are not posts.
struct CareerBuilder: Sendable {
    func posts(_ clusters: [PersonCluster], _ mentions: [LinkMention]) -> [LinkedGraph.Post] {
        var posts: [LinkedGraph.Post] = []
        for cluster in clusters {
            var index: [String: Int] = [:]
            var seen: Set<[Int64]> = []  // (post, article) pairs already in evidence
            for i in cluster.members {
                let m = mentions[i]
                for title in m.posts {
                    let id = "\(cluster.id)/\(title.role)@\(title.organization ?? "-")"
                    if index[id] == nil {
                        index[id] = posts.count
                        posts.append(LinkedGraph.Post(
                            id: id, personId: cluster.id, role: title.role, organization: title.organization,
                            title: title.text, firstDate: nil, lastDate: nil, evidence: []))
                    }
                    guard let p = index[id] else { continue }
                    if let date = m.date {
                        posts[p].firstDate = min(posts[p].firstDate ?? date, date)
                        posts[p].lastDate = max(posts[p].lastDate ?? date, date)
                    }
                    if seen.insert([Int64(p), m.articleId]).inserted {
                        posts[p].evidence.append((article: m.articleId, mention: m.id))
                    }
                }
            }
        }
        return posts
    }
}
