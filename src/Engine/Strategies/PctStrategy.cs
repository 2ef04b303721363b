namespace ModelCheck.Engine;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): each task gets a random
/// priority when it is created, the highest-priority enabled task always runs, and at d−1 random
/// scheduling decisions (the change points) the task about to run drops below all others. A bug of
/// depth d is found in one execution with probability at least 1/(n·k^(d−1)) for n tasks and k
/// decisions. Data choices are uniform.
/// The change points are drawn from the decisions (steps where more than one task could run), not from
/// all steps: the runtime asks nothing at a step with one enabled task, so a change point there would be
/// lost, and a scenario that runs alone for long stretches would be explored at a lower depth than asked.
/// Each iteration draws from its own stream (seeded by the run's seed and the iteration number). PCT's k,
/// the most decisions an execution makes, is learned from the first <see cref="Calibration"/> executions,
/// run in order; after them it stays fixed, so every later iteration is independent of the others and
/// may run on any worker or machine.
/// </summary>
public sealed class PctStrategy : ISamplingStrategy
{
    /// <summary>The executions k is learned from.</summary>
    public const int Calibration = 32;

    readonly ulong seed;
    readonly int depth;
    readonly Xoshiro random;
    long iteration;
    // Task ids, highest priority first.
    readonly List<int> priorities = [];
    // The decisions (1-based) at which the priority changes, ascending.
    readonly int[] changePoints;
    int nextChange;
    int decisions;
    // The most decisions a calibration execution has made so far: PCT's k. The first execution has no change points.
    int decisionEstimate;

    public PctStrategy(ulong seed, int depth)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "the PCT depth is at least 1");
        this.seed = seed;
        this.depth = depth;
        random = new Xoshiro(seed);
        changePoints = new int[depth - 1];
    }

    public string Name => "pct";
    public bool IsComplete => false;
    public int CalibrationExecutions => Calibration;
    public void StartIteration(long iteration) => this.iteration = iteration;
    public ISamplingStrategy Fork() => new PctStrategy(seed, depth) { decisionEstimate = decisionEstimate };

    public bool PrepareExecution()
    {
        random.Reseed(Xoshiro.StreamSeed(seed, iteration++));
        priorities.Clear();
        decisions = 0;
        nextChange = 0;
        // Duplicates only lower the depth a little.
        for (int i = 0; i < changePoints.Length; i++)
            changePoints[i] = decisionEstimate > 0 ? 1 + random.Next(decisionEstimate) : int.MaxValue;
        Array.Sort(changePoints);
        return true;
    }

    public void OnTaskCreated(int taskId) => priorities.Insert(random.Next(priorities.Count + 1), taskId);

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        decisions++;
        if (nextChange < changePoints.Length && changePoints[nextChange] == decisions)
        {
            while (nextChange < changePoints.Length && changePoints[nextChange] == decisions) nextChange++;
            int top = HighestEnabled(enabled);
            priorities.Remove(enabled[top]);
            priorities.Add(enabled[top]);
        }
        return HighestEnabled(enabled);
    }

    public int PickValue(ChoiceKind kind, int count, int step) => random.Next(count);

    public void OnExecutionEnd(int steps)
    {
        // iteration was advanced by PrepareExecution: the one that just ended is iteration - 1.
        if (iteration <= Calibration) decisionEstimate = Math.Max(decisionEstimate, decisions);
    }

    int HighestEnabled(ReadOnlySpan<int> enabled)
    {
        foreach (int id in priorities)
        {
            int index = enabled.IndexOf(id);
            if (index >= 0) return index;
        }
        throw new InvalidOperationException("PCT was asked to pick among tasks it was never told about");
    }
}
