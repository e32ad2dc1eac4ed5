import FastCollect
import ModuleScanner

#if canImport(Glibc)
import Glibc
#endif

HeapReservation.prepare()
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--dump-tokens" {
    exit(DumpTokensCommand.run(paths: Array(arguments.dropFirst())))
}
exit(FastCollectCommand.run(arguments: arguments))
