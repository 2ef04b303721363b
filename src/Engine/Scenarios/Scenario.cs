namespace ModelCheck.Engine;

/// <summary>A named, explorable program and the verdict it must reach.</summary>
public sealed record Scenario(string Name, string Description, BugKind Expected, Func<Runtime, Task> Entry)
{
    public string ExpectedName => Expected.ToName();
}
