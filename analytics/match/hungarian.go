package match

import (
	"errors"
	"fmt"
	"math"
)

// Forbidden marks a cell of a weight matrix that must never be assigned.
const Forbidden int64 = math.MinInt64

// MaxWeight bounds the absolute value of an allowed weight.
const MaxWeight int64 = 1 << 40

// ErrTooLarge is returned when a matrix's weights are so spread that the
// algorithm's sums could overflow int64.
var ErrTooLarge = errors.New("match: weights too large for the size of the matrix")

// Maximize solves the rectangular assignment problem on w (rows × columns,
// every row of the same length): each row gets at most one column and each
// column at most one row, a Forbidden cell is never used, and among the
// assignments that use the most allowed cells it returns one of greatest
// total weight. The result holds, for each row, its column or −1. The same
// w always gives the same assignment.
//
// It runs the shortest-augmenting-path form of the Hungarian algorithm in
// O(r²·c) time for r ≤ c (the matrix is transposed otherwise), in integers,
// so the optimum is exact.
func Maximize(w [][]int64) ([]int, error) {
	rows := len(w)
	if rows == 0 {
		return []int{}, nil
	}
	cols := len(w[0])
	for i, r := range w {
		if len(r) != cols {
			return nil, fmt.Errorf("match: row %d has %d columns, want %d", i, len(r), cols)
		}
	}
	if rows <= cols {
		return maximize(rows, cols, func(i, j int) int64 { return w[i][j] })
	}
	byCol, err := maximize(cols, rows, func(i, j int) int64 { return w[j][i] })
	if err != nil {
		return nil, err
	}
	out := make([]int, rows)
	for i := range out {
		out[i] = -1
	}
	for j, i := range byCol {
		if i >= 0 {
			out[i] = j
		}
	}
	return out, nil
}

// maximize solves the problem for n ≤ m. It turns weights into costs
// (hi − w ≥ 0) and gives forbidden cells a cost big enough that using one
// more of them always costs more than any choice among allowed cells, so
// that the minimum-cost full assignment uses as few forbidden cells as
// possible; those are then dropped.
func maximize(n, m int, at func(i, j int) int64) ([]int, error) {
	lo, hi, found := int64(math.MaxInt64), int64(math.MinInt64), false
	for i := range n {
		for j := range m {
			x := at(i, j)
			if x == Forbidden {
				continue
			}
			if x > MaxWeight || x < -MaxWeight {
				return nil, fmt.Errorf("match: weight %d at (%d, %d) exceeds ±%d", x, i, j, MaxWeight)
			}
			lo, hi, found = min(lo, x), max(hi, x), true
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	if !found {
		return out, nil
	}
	spread := hi - lo
	// Costs of a full assignment stay below n·big ≤ n²·spread + n.
	if spread > 0 && spread > (math.MaxInt64/4)/int64(n*n+1) {
		return nil, ErrTooLarge
	}
	big := spread*int64(n) + 1
	cost := make([]int64, n*m)
	for i := range n {
		for j := range m {
			if x := at(i, j); x == Forbidden {
				cost[i*m+j] = big
			} else {
				cost[i*m+j] = hi - x
			}
		}
	}
	colOf := hungarian(n, m, cost)
	for i, j := range colOf {
		if at(i, j) != Forbidden {
			out[i] = j
		}
	}
	return out, nil
}

// hungarian returns a minimum-cost assignment of n rows to distinct columns
// of the n×m (n ≤ m) cost matrix, row-major in cost: for each row its
// column. It keeps potentials u (rows) and v (columns) and, for each new
// row, grows a tree of tight edges Dijkstra-style until it reaches a free
// column, then augments along the path (e-maxx's formulation, 1-based with
// column 0 as the root).
func hungarian(n, m int, cost []int64) []int {
	const inf = int64(math.MaxInt64)
	u := make([]int64, n+1)
	v := make([]int64, m+1)
	p := make([]int, m+1)   // p[j]: row matched to column j (1-based), 0 if free
	way := make([]int, m+1) // way[j]: previous column on the path to j
	minv := make([]int64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = inf, false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			row := cost[(i0-1)*m:]
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := row[j-1] - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	colOf := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			colOf[p[j]-1] = j - 1
		}
	}
	return colOf
}
