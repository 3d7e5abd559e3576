import Foundation
import Guanxi

/// A PostgreSQL store's address as `--store` or `GUANXI_STORE` gives it:
/// `postgres://user[:password]@host[:port]/database[?sslmode=…]`.
///
/// The password is kept apart and never printed: ``description`` (what
/// messages, errors and `stats` show) has no password. Without one in the
/// URL, `PGPASSWORD` is used, as `psql` does. `sslmode` follows libpq:
/// `disable`; `allow` and `prefer` (the default) encrypt when the server
/// offers it; `require` encrypts or fails; `verify-ca` and `verify-full`
/// also verify the server's certificate. `schema` (default `guanxi`) names
/// the PostgreSQL schema holding the tables: several stores can share a database.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is encrypted (`sslmode`).
    public enum TLSMode: String, Sendable, Hashable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The PostgreSQL schema holding the store's tables (lowercase letters, digits, `_`).
    public var schema: String

    /// Whether `text` names a PostgreSQL store (`postgres://` or `postgresql://`).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `text`; `environment` supplies `PGPASSWORD` when the URL has no password.
    /// - Throws: ``StoreError`` `.missing` with what is wrong with the URL (its password left out).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw StoreError(
                .missing, path: Self.redacting(text),
                "not a PostgreSQL URL; write postgres://user@host:port/database")
        }
        let shown = Self.redacting(text)
        guard let host = components.host, !host.isEmpty else {
            throw StoreError(.missing, path: shown, "the URL names no host; write postgres://user@host:port/database")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError(
                .missing, path: shown, "the URL names no database; write postgres://user@host:port/database")
        }
        var tls = TLSMode.prefer
        var schema = "guanxi"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw StoreError(
                        .missing, path: shown,
                        "sslmode \(item.value ?? "") is not one of disable, allow, prefer, require, verify-ca, verify-full"
                    )
                }
                tls = mode
            case "schema":
                let value = item.value ?? ""
                guard let first = value.unicodeScalars.first, first == "_" || ("a"..."z").contains(first),
                    value.unicodeScalars.allSatisfy({
                        $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
                    }),
                    value.utf8.count <= 63
                else {
                    throw StoreError(
                        .missing, path: shown, "schema \(value) is not a plain name (lowercase letters, digits and _)")
                }
                schema = value
            case "application_name", "connect_timeout":
                continue
            default:
                throw StoreError(
                    .missing, path: shown, "unknown URL parameter \(item.name); guanxi reads sslmode and schema")
            }
        }
        self.user =
            components.user?.removingPercentEncoding ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        self.password = components.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
        self.schema = schema
    }

    /// The URL without its password: what messages show.
    public var description: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var parameters: [String] = []
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if schema != "guanxi" { parameters.append("schema=\(schema)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// `text` with any password between `://user:` and `@` replaced by `***`:
    /// for messages about a URL that could not be parsed.
    public static func redacting(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return text
        }
        return String(text[..<rest.index(after: colon)]) + "***" + String(text[at...])
    }
}
