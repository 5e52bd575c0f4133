-- A small Lua workload: table inserts and lookups, string building,
-- closures and a recursive function. Prints a checksum.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local words = {}
for i = 1, 50000 do words["k" .. (i % 5000)] = (words["k" .. (i % 5000)] or 0) + i end
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = string.format("%05d", i % 977) end
local s = table.concat(parts, ",")
local count = 0
for w in s:gmatch("0(%d)") do count = count + tonumber(w) end
local acc = 0
local add = function(x) acc = (acc * 31 + x) % 1000000007 end
for i = 1, #t, 7 do add(t[i]) end
for k, v in pairs(words) do add(v % 1000) end
print(fib(25), t[1], t[#t], #s, count, acc % 1000 < 1000)
