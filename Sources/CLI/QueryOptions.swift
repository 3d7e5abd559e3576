import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

/// The filter every command that reads the graph takes: time window, kinds,
/// minimum co-appearance weight, size limit, and the store to read.
struct FilterOptions: ParsableArguments {
    @Option(help: "Count only articles dated on or after this (2017, 2017-04 or 2017-04-27).")
    var since: String?

    @Option(help: "Count only articles dated up to this, inclusive (2018 includes all of 2018).")
    var until: String?

    @Option(
        name: .customLong("kind"),
        help: "Keep only people of this kind (official, journalist, citizen, historical, person); repeatable.")
    var kinds: [String] = []

    @Option(help: "Ignore co-appearances with fewer shared articles than this.")
    var minWeight = 1

    @Option(help: "At most this many rows in each list (export: people, the best connected).")
    var limit: Int?

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    func validate() throws {
        for (option, date) in [("--since", since), ("--until", until)] {
            if let date, let problem = ISODate.problem(date) {
                throw ValidationError(
                    "\(option) '\(date)' is not a date (\(problem)): give 2017, 2017-04 or 2017-04-27")
            }
        }
        for kind in kinds where PersonKind(rawValue: kind) == nil {
            throw ValidationError(
                "'\(kind)' is not a kind: give one of \(PersonKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if minWeight < 1 { throw ValidationError("--min-weight must be at least 1") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    var filter: GraphFilter {
        GraphFilter(
            since: since, until: until, kinds: Set(kinds.compactMap(PersonKind.init(rawValue:))),
            minWeight: minWeight, limit: limit)
    }
}

/// Options shared by the query commands (`person`, `coappear`, `post`, `org`, `path`, `top`).
struct QueryOptions: ParsableArguments {
    /// How an answer is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var graph: FilterOptions

    @Option(help: "Output: table (aligned, for the terminal), json (one document) or csv (RFC 4180).")
    var format: Format = .table

    var filter: GraphFilter { graph.filter }
    var store: String { graph.store }

    /// Opens the store, runs `body`, prints its answer in the chosen format, and
    /// maps errors to exit codes: 1 for an unknown or ambiguous name, 2 for a
    /// store that is missing or cannot be read.
    func run(_ body: (GraphQuery) throws -> any QueryAnswer) throws {
        try CommandFailure.reporting {
            let query = GraphQuery(store: try StoreLocation.open(store, create: false), filter: filter)
            let answer = try body(query)
            switch format {
            case .table: print(answer.text())
            case .json: print(answer.json.pretty())
            case .csv: FileHandle.standardOutput.write(Data(answer.csv().utf8))
            }
        }
    }
}
