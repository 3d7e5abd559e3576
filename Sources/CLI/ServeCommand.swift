import ArgumentParser
import Foundation
import Guanxi
import GuanxiServe

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "See the graph in a browser: a local, read-only web app over the store.",
        discussion: """
            Pages: search (suggestions as you type), a person (career timeline, \
            network, partners, articles with the evidence), a post's succession, an \
            institution, an ego network, the most central people; each offers its \
            GraphML, GEXF, DOT and CSV. The same JSON as --format json is under \
            /api/… (docs/api.md). Nothing is downloaded: scripts and styles come \
            from guanxi itself. The store is opened read-only and no endpoint writes.

            Examples:
              guanxi serve                       then open http://127.0.0.1:8080/
              guanxi serve --store seeds.sqlite --port 9000
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "The address to listen on; other than loopback, anyone who reaches it can read the store.")
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        let store = storeOptions.store, host = self.host, port = self.port
        let server = try CommandFailure.reporting {
            try GuanxiServer(store: store, host: host, port: port)
        }
        if !["127.0.0.1", "::1", "localhost"].contains(host) {
            CommandFailure.say("listening on \(host): anyone who can reach it can read \(store)")
        }
        let outcome = ServeOutcome()
        Task {
            do {
                try await server.run { port in
                    let shown = host.contains(":") ? "[\(host)]" : host
                    let line = "guanxi serve: http://\(shown):\(port)/  (store \(store), read-only; Ctrl-C stops)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            } catch {
                outcome.fail(error)
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let error = outcome.error {
            CommandFailure.say("cannot serve on \(host):\(port): \(error); is the port taken? try --port 0")
            throw ExitCode(2)
        }
    }
}

/// How the server task ended, handed from the task to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: Error?

    func fail(_ error: Error) { lock.withLock { failure = error } }
    var error: Error? { lock.withLock { failure } }
}
