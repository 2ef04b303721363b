namespace ModelCheck.Maps.ConcurrentHashMap;

// Ghost events the map publishes to its monitors (rt.Publish). They carry what the invariants of
// map-algorithms.md §4.9 talk about; no monitor ever feeds anything back into the algorithm.

/// <summary>How a successful CAS on sizeCtl changed the number of threads inside transfer for <c>Table</c>'s resize.</summary>
enum ResizerChange { Initiated, Joined, Left }

/// <summary>A CAS on sizeCtl during a resize of <paramref name="Table"/> succeeded and wrote <paramref name="SizeCtl"/>.</summary>
readonly record struct ResizersChanged(Table Table, int SizeCtl, ResizerChange Change);

/// <summary>The initiator published <paramref name="Next"/> as nextTable for the resize of <paramref name="Old"/>.</summary>
readonly record struct NextTablePublished(Table Old, Table Next);

/// <summary>A resizer moved transferIndex from <paramref name="Seen"/> to <paramref name="Bound"/>, claiming bins [Bound, Seen).</summary>
readonly record struct RangeClaimed(Table Old, int Seen, int Bound, int Task);

/// <summary>Bin <paramref name="Index"/> of <paramref name="Table"/> was written (setTabAt, a successful casTabAt, or a plain store).</summary>
readonly record struct BinStored(Table Table, int Index, Node? Value);

/// <summary>A resizer finished moving the list <paramref name="Head"/> of bin <paramref name="Index"/> of <paramref name="Old"/> (its three stores done, lock still held).</summary>
readonly record struct BinEvacuated(Table Old, int Index, Table Next, ListNode Head);

/// <summary>A writer stored <c>val</c> or <c>next</c> of <paramref name="Node"/>.</summary>
readonly record struct NodeWritten(ListNode Node, string Field);

/// <summary>The last resizer committed: table = <paramref name="Next"/> and the new threshold.</summary>
readonly record struct ResizeCommitted(Table Old, Table Next);

/// <summary>A writer (put or remove) read a ForwardingNode in <paramref name="Table"/>; <paramref name="Resizes"/> resizes have started so far.</summary>
readonly record struct ForwardMet(Table Table, int Resizes);

/// <summary>A put or remove returned.</summary>
readonly record struct WriterReturned;

/// <summary>A resizer walking bin <paramref name="Index"/> of <paramref name="Table"/> found it already forwarded.</summary>
readonly record struct BinFoundForwarded(Table Table, int Index);
