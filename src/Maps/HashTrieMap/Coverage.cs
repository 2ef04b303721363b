using ModelCheck.Engine;

namespace ModelCheck.Maps.HashTrieMap;

/// <summary>The states of the trie algorithm the hashtriemap scenarios must reach (`modelcheck test 'hashtriemap/*' --coverage`).</summary>
static class Coverage
{
    public static readonly CoverageLabel InitRaceLost = new("hashtriemap", "initSlow finds the map initialised by another task");
    public static readonly CoverageLabel ExpandIntoNode = new("hashtriemap", "expand builds a new indirect node");
    public static readonly CoverageLabel ExpandIntoChain = new("hashtriemap", "expand chains a full hash collision");
    public static readonly CoverageLabel InsertRetriesDead = new("hashtriemap", "an insert locks a dead node and retries from the root");
    public static readonly CoverageLabel InsertRetriesExpanded = new("hashtriemap", "an insert's slot became an indirect node before the lock: retry");
    public static readonly CoverageLabel FindRetries = new("hashtriemap", "find re-validates a dead or expanded slot and retries");
    public static readonly CoverageLabel FindLosesEntry = new("hashtriemap", "find's entry is gone once the node is locked");
    public static readonly CoverageLabel ChainEditBehindHead = new("hashtriemap", "a chain edit behind the head (overflow store)");
    public static readonly CoverageLabel Prune = new("hashtriemap", "a delete prunes an emptied node");
    public static readonly CoverageLabel LoadThroughDeadNode = new("hashtriemap", "a lock-free Load reads a child of a dead node");
    public static readonly CoverageLabel RangeThroughDeadNode = new("hashtriemap", "Range walks a dead node");
    public static readonly CoverageLabel WriteIntoDroppedNode = new("hashtriemap", "a write publishes into a node no longer reachable (its trie dropped by Clear, or H-2's dead node)");
    public static readonly CoverageLabel CasOnDetachedEntry = new("hashtriemap", "H-1: CompareAndSwap changes a detached entry");
}
