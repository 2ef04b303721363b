using System.Runtime.CompilerServices;

// The fidelity property drives the sync.Map model directly, against a Dictionary.
[assembly: InternalsVisibleTo("ModelCheck.Tests.Unit")]
