/// Turns each person's titles into posts (role + institution) with first and
/// last dated sighting and the articles behind them. Rank labels (`市领导`)
/// are not posts.
struct CareerBuilder: Sendable {
    func posts(_ clusters: [PersonCluster], _ mentions: [LinkMention]) -> [LinkedGraph.Post] {
        var posts: [LinkedGraph.Post] = []
        for cluster in clusters {
            var index: [RoleAtOrganization: Int] = [:]
            var seen: Set<PostArticle> = []  // (post, article) pairs already in evidence
            for i in cluster.members {
                let m = mentions[i]
                for title in m.posts {
                    let key = RoleAtOrganization(title)
                    let p: Int
                    if let known = index[key] {
                        p = known
                    } else {
                        p = posts.count
                        index[key] = p
                        posts.append(
                            LinkedGraph.Post(
                                id: "\(cluster.id)/\(title.role)@\(title.organization ?? "-")", personId: cluster.id,
                                role: title.role, organization: title.organization, title: title.text, firstDate: nil,
                                lastDate: nil, evidence: []))
                    }
                    if let date = m.date {
                        posts[p].firstDate = min(posts[p].firstDate ?? date, date)
                        posts[p].lastDate = max(posts[p].lastDate ?? date, date)
                    }
                    if seen.insert(PostArticle(post: p, article: m.articleId)).inserted {
                        posts[p].evidence.append((article: m.articleId, mention: m.id))
                    }
                }
            }
        }
        return posts
    }

    /// A post and an article that names it.
    private struct PostArticle: Hashable {
        var post: Int
        var article: Int64
    }
}

/// A post as a dictionary key: its role and institution, compared by their bytes.
struct RoleAtOrganization: Hashable {
    var role: ByteKey
    var organization: ByteKey?

    init(_ title: TitleMention) {
        role = ByteKey(title.role)
        organization = title.organization.map(ByteKey.init)
    }
}
