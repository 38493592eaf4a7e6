// The package's entry point for Node: the same wrapper the page uses.
module.exports = require('./web/js/network.js');
