using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The states of the resize some scenario must reach (`modelcheck test --coverage`). Every label is
// marked where the algorithm has already computed its condition; marking reads nothing.
sealed partial class ConcurrentHashMap
{
    static readonly CoverageLabel PutMeetsForward = new("chm", "put meets a forwarding node");
    static readonly CoverageLabel RemoveMeetsForward = new("chm", "remove meets a forwarding node");
    static readonly CoverageLabel GetFollowsForward = new("chm", "get follows a forwarding node");
    static readonly CoverageLabel GetFollowsTwoForwards = new("chm", "get follows two forwarding nodes");
    static readonly CoverageLabel PutIfAbsentAtHead = new("chm", "putIfAbsent finds its key at the head without locking");
    static readonly CoverageLabel PutRecheckFails = new("chm", "put's locked re-check finds the bin changed");
    static readonly CoverageLabel RemoveRecheckFails = new("chm", "remove's locked re-check finds the bin changed");
    static readonly CoverageLabel CountCasFails = new("chm", "addCount's CAS on baseCount fails (fullAddCount)");
    static readonly CoverageLabel JoinFromAddCount = new("chm", "a resizer joins from addCount");
    static readonly CoverageLabel JoinFromHelpTransfer = new("chm", "a resizer joins from helpTransfer");
    static readonly CoverageLabel HelperFindsNothingLeft = new("chm", "helpTransfer finds nothing left to claim and does not join");
    static readonly CoverageLabel SecondResize = new("chm", "a second resize starts right after the first (back to back)");
    static readonly CoverageLabel ClaimedBinAlreadyForwarded = new("chm", "transfer finds a bin of its claim already forwarded");
    static readonly CoverageLabel EmptyBinCasFails = new("chm", "transfer's CAS forwarding an empty bin fails");
    static readonly CoverageLabel TransferRecheckFails = new("chm", "transfer's locked re-check finds the bin changed");
    static readonly CoverageLabel SplitClones = new("chm", "split clones the nodes before lastRun");
    static readonly CoverageLabel SplitBothHalves = new("chm", "split sends nodes to both halves");
    static readonly CoverageLabel FinishingSweep = new("chm", "the last resizer sweeps every bin before the commit");
}
