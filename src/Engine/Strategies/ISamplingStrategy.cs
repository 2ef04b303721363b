namespace ModelCheck.Engine;

/// <summary>
/// A strategy whose executions are independent draws (random, PCT): execution i is a function of the
/// run's seed and i alone, after an optional sequential calibration of the first executions. That is
/// what lets workers and shards run any share of the iterations and still agree with a single run.
/// </summary>
public interface ISamplingStrategy : IStrategy
{
    /// <summary>How many executions, from the first, must run in order on one strategy before the rest are independent.</summary>
    int CalibrationExecutions { get; }

    /// <summary>Makes the next execution iteration <paramref name="iteration"/> (0-based); called before <see cref="IStrategy.PrepareExecution"/>.</summary>
    void StartIteration(long iteration);

    /// <summary>A strategy for another worker, carrying what calibration learned.</summary>
    ISamplingStrategy Fork();
}
