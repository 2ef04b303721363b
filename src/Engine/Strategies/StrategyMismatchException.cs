namespace ModelCheck.Engine;

/// <summary>
/// A strategy was asked for a choice that does not fit what it holds: a replayed trace that diverges
/// from the program, or a scenario whose choices change between executions of the same path. Not a
/// bug of the scenario under test: the runtime stops the execution and rethrows it to its caller.
/// </summary>
public class StrategyMismatchException(string message) : Exception(message);
