import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

/// The one place that turns the library's errors into a line on standard
/// error and an exit code, so every command says a failure the same way:
///
/// - 1: what was asked has no answer (an unknown or ambiguous name, an
///   export or validation that failed, paths that name no stored document);
/// - 2: the store or the curation file cannot be opened, read or written.
///
/// A command runs its work inside ``reporting(verbose:_:)``; errors of other
/// types (argument validation, `ExitCode`) pass through unchanged.
enum CommandFailure {
    /// Runs `body`; a known error is printed (with its causes when `verbose`)
    /// and becomes its exit code.
    static func reporting<T>(verbose: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            say(verbose ? error.detailedDescription : error.description)
            throw ExitCode(2)
        } catch let error as StoreCopyError {
            say(error.description)
            throw ExitCode(2)
        } catch let error as CurationError {
            say(error.description)
            throw ExitCode(2)
        } catch let error as QueryError {
            say(error.description)
            throw ExitCode(1)
        } catch let error as ExportError {
            say(verbose ? error.detailedDescription : error.description)
            if !verbose, error.problems.count > 1 {
                say("\(error.problems.count) problems; --verbose lists them")
            }
            throw ExitCode(1)
        } catch let error as DocumentRemover.NothingStored {
            for line in error.description.split(separator: "\n") { say(String(line)) }
            say("nothing was removed")
            throw ExitCode(1)
        }
    }

    /// Writes `guanxi: line` to standard error.
    static func say(_ line: String) {
        FileHandle.standardError.write(Data("guanxi: \(line)\n".utf8))
    }
}

/// The `--store` option of every command that opens the graph store: an
/// SQLite file, or a PostgreSQL database by its URL; `GUANXI_STORE` when
/// the option is not given.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The store: an SQLite file that guanxi build makes and updates, or a PostgreSQL database "
                + "(postgres://user@host:port/database[?sslmode=require]; the password from PGPASSWORD). "
                + "Default: $GUANXI_STORE, else guanxi.sqlite.", valueName: "path-or-url"))
    var store = ProcessInfo.processInfo.environment[StoreLocation.environmentVariable] ?? "guanxi.sqlite"
}
