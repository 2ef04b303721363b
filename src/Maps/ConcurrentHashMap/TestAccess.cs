using System.Runtime.CompilerServices;

// The systematic tests run the chm workloads with every monitor on, to show which ghost invariant catches a
// data-level seeded bug first; that needs the model's internal types.
[assembly: InternalsVisibleTo("ModelCheck.Tests.Systematic")]
