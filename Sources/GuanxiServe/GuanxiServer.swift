import Foundation
import Guanxi
import Hummingbird
import Logging

/// `guanxi serve`: the web app over one store, on HTTP/1.1. Answers GET and
/// HEAD only (no endpoint writes); binds to loopback unless given a host.
///
/// ```swift
/// let server = try GuanxiServer(store: "guanxi.sqlite", port: 8080)
/// try await server.run { port in print("http://127.0.0.1:\(port)/") }
/// ```
public struct GuanxiServer: Sendable {
    public let site: ServeSite
    public let host: String
    /// The port asked for; 0 lets the system pick a free one (reported to `run`'s callback).
    public let port: Int
    /// What the HTTP layer logs to standard error (warnings and worse by default).
    public var logLevel: Logger.Level = .warning

    /// Opens the store at `path` read-only.
    ///
    /// - Throws: ``StoreError`` when the store is missing or cannot be read.
    public init(store path: String, host: String = "127.0.0.1", port: Int = 8080) throws {
        try self.init(site: ServeSite(store: SQLiteGraphStore(path: path, create: false)), host: host, port: port)
    }

    public init(site: ServeSite, host: String = "127.0.0.1", port: Int = 8080) {
        self.site = site
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM;
    /// `onRunning` gets the port bound once the server listens.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let site = self.site
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            Self.answer(site, request)
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: port), serverName: "guanxi"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: {
                var logger = Logger(label: "guanxi.serve")
                logger.logLevel = logLevel
                return logger
            }())
        // Every task of the server prefers the server's own threads (ServeExecutor).
        try await withTaskExecutorPreference(ServeExecutor.shared) {
            try await app.runService()
        }
    }

    static func answer(_ site: ServeSite, _ request: Request) -> Response {
        guard request.method == .get || request.method == .head else {
            var headers = HTTPFields()
            headers[.allow] = "GET, HEAD"
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(
                status: .methodNotAllowed, headers: headers,
                body: .init(byteBuffer: ByteBuffer(string: "guanxi serve only reads: use GET\n")))
        }
        let answer = site.respond(path: request.uri.path, query: parseQuery(request.uri.query ?? ""))
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        for (name, value) in answer.headers {
            // The names are the site's own constants (Server-Timing, Content-Disposition…).
            if let field = HTTPFields.Element.Name(name) {
                headers.append(HTTPFields.Element(name: field, value: value))
            }
        }
        let body: ResponseBody = request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: answer.body))
        if request.method == .head { headers[.contentLength] = String(answer.body.count) }
        return Response(status: HTTPResponse.Status(code: answer.status), headers: headers, body: body)
    }

    /// `a=1&b=%E9%87%91+x` → `["a": "1", "b": "金 x"]`: form encoding (`+` is a space); the first value of a key wins.
    static func parseQuery(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if query[key] == nil { query[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return query
    }
}
