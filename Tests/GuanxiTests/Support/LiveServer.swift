import Foundation
import Logging
import Testing

@testable import Guanxi
@testable import GuanxiServe

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `guanxi serve` server started in-process on a free loopback port (the
/// system picks it), and a small HTTP client for it.
final class LiveServer: Sendable {
    /// One answer as the client got it.
    struct Reply {
        var status: Int
        var contentType: String
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            try #require(
                try JSONSerialization.jsonObject(with: body) as? [String: Any], "not a JSON object: \(text.prefix(200))"
            )
        }
    }

    let port: Int
    private let task: Task<Void, any Error>

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static func start(_ site: ServeSite) async throws -> LiveServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            var server = GuanxiServer(site: site, host: "127.0.0.1", port: 0)
            server.logLevel = .critical  // cancelling the task at the end is logged as an error
            try await server.run { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next(), "the server did not start")
        return LiveServer(port: port, task: task)
    }

    func stop() { task.cancel() }

    /// `GET path` (and a query built from `query`, percent-encoded), or another method.
    func get(_ path: String, _ query: [(String, String?)] = [], method: String = "GET") async throws -> Reply {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)\(HTML.query(query))"))
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 300
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                guard let http = response as? HTTPURLResponse else {
                    continuation.resume(throwing: error ?? URLError(.badServerResponse))
                    return
                }
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    headers[String(describing: k).lowercased()] = String(describing: v)
                }
                continuation.resume(
                    returning: Reply(
                        status: http.statusCode, contentType: headers["content-type"] ?? "", headers: headers,
                        body: data ?? Data()))
            }.resume()
        }
    }
}
