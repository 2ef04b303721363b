namespace ModelCheck.Engine;

/// <summary>Picks uniformly among the enabled tasks and the values of each choice. Never complete.</summary>
public sealed class RandomStrategy(ulong seed) : IStrategy
{
    readonly Xoshiro random = new(seed);

    public string Name => "random";
    public bool IsComplete => false;
    public bool PrepareExecution() => true;
    public void OnTaskCreated(int taskId) { }
    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step) => random.Next(enabled.Length);
    public int PickValue(ChoiceKind kind, int count, int step) => random.Next(count);
    public void OnExecutionEnd(int steps) { }
}
