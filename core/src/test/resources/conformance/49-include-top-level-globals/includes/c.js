const Z = 3;
function useA() { return a.X + Z; }
module.exports = { useA };
