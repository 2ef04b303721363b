namespace ModelCheck.Engine;

/// <summary>
/// Thrown into the running task once a bug has been recorded, so that its code stops at once.
/// The runtime swallows it; scenario code should not catch it.
/// </summary>
public sealed class ExecutionHaltedException : Exception
{
    internal ExecutionHaltedException() : base("the execution was halted by a bug") { }
}
