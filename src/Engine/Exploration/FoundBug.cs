namespace ModelCheck.Engine;

/// <summary>A bug together with everything needed to write its trace: the choices and where they came from.</summary>
public sealed record FoundBug(Bug Bug, int Iteration, Choice[] Choices);
