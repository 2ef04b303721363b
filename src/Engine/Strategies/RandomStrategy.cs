namespace ModelCheck.Engine;

/// <summary>
/// Picks uniformly among the enabled tasks and the values of each choice. Never complete. Each
/// iteration draws from its own stream, seeded by the run's seed and the iteration number.
/// </summary>
public sealed class RandomStrategy(ulong seed) : ISamplingStrategy
{
    readonly Xoshiro random = new(seed);
    long iteration;

    public string Name => "random";
    public bool IsComplete => false;
    public int CalibrationExecutions => 0;
    public void StartIteration(long iteration) => this.iteration = iteration;
    public ISamplingStrategy Fork() => new RandomStrategy(seed);

    public bool PrepareExecution()
    {
        random.Reseed(Xoshiro.StreamSeed(seed, iteration++));
        return true;
    }

    public void OnTaskCreated(int taskId) { }
    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step) => random.Next(enabled.Length);
    public int PickValue(ChoiceKind kind, int count, int step) => random.Next(count);
    public void OnExecutionEnd(int steps) { }
}
